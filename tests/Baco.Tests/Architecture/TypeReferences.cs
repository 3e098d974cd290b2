using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Baco.Tests.Architecture;

/// <summary>
/// Which of an assembly's own types each of its types uses, read from the compiled metadata:
/// base types, interfaces, generic constraints, attributes, the signatures of fields, methods,
/// properties and events, method locals and every token in every method body (calls, field
/// accesses, casts, typeof, generic instantiations, lambdas' closure classes...). Nested and
/// compiler-generated types count as their outermost declaring type, so a lambda's use counts
/// for the type that wrote the lambda. What the compiler folds away leaves no trace: constants
/// (inlined), nameof, and doc-comment crefs.
/// </summary>
internal static class TypeReferences
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value, op => op.OperandType);

    /// <summary>For each outermost type of the assembly (its full name), the other outermost types of the assembly it uses.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var walk = new Walk(reader, pe);
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeDefinitions)
        {
            string owner = walk.OwnerName(handle);
            if (owner == "<Module>")
            {
                continue;
            }

            var used = result.TryGetValue(owner, out var set) ? (HashSet<string>)set : [];
            walk.Type(handle, used);
            used.Remove(owner);
            used.Remove("<Module>");
            result[owner] = used;
        }

        return result;
    }

    private sealed class Walk(MetadataReader reader, PEReader pe)
    {
        private readonly Signatures _signatures = new(reader);

        public string OwnerName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            while (type.GetDeclaringType() is { IsNil: false } outer)
            {
                handle = outer;
                type = reader.GetTypeDefinition(handle);
            }

            string ns = reader.GetString(type.Namespace);
            string name = reader.GetString(type.Name);
            int tick = name.IndexOf('`', StringComparison.Ordinal);
            name = tick >= 0 ? name[..tick] : name;
            return ns.Length == 0 ? name : $"{ns}.{name}";
        }

        public void Type(TypeDefinitionHandle handle, HashSet<string> used)
        {
            var type = reader.GetTypeDefinition(handle);
            Entity(type.BaseType, used);
            foreach (var i in type.GetInterfaceImplementations())
            {
                Entity(reader.GetInterfaceImplementation(i).Interface, used);
            }

            Generics(type.GetGenericParameters(), used);
            Attributes(type.GetCustomAttributes(), used);
            foreach (var f in type.GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                Add(field.DecodeSignature(_signatures, null), used);
                Attributes(field.GetCustomAttributes(), used);
            }

            foreach (var m in type.GetMethods())
            {
                Method(m, used);
            }

            foreach (var p in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(p);
                Add(property.DecodeSignature(_signatures, null).ReturnType, used);
                Attributes(property.GetCustomAttributes(), used);
            }

            foreach (var e in type.GetEvents())
            {
                var ev = reader.GetEventDefinition(e);
                Entity(ev.Type, used);
                Attributes(ev.GetCustomAttributes(), used);
            }

            foreach (var i in type.GetMethodImplementations())
            {
                var impl = reader.GetMethodImplementation(i);
                Entity(impl.MethodDeclaration, used);
            }
        }

        private void Method(MethodDefinitionHandle handle, HashSet<string> used)
        {
            var method = reader.GetMethodDefinition(handle);
            var signature = method.DecodeSignature(_signatures, null);
            Add(signature.ReturnType, used);
            foreach (var p in signature.ParameterTypes)
            {
                Add(p, used);
            }

            Generics(method.GetGenericParameters(), used);
            Attributes(method.GetCustomAttributes(), used);
            foreach (var p in method.GetParameters())
            {
                Attributes(reader.GetParameter(p).GetCustomAttributes(), used);
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_signatures, null))
                {
                    Add(local, used);
                }
            }

            foreach (var region in body.ExceptionRegions)
            {
                Entity(region.CatchType, used);
            }

            Body(body.GetILReader(), used);
        }

        private void Body(BlobReader il, HashSet<string> used)
        {
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                switch (Operands[code])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineString:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32(); // read before Offset is: `Offset += 4 * ReadInt32()` reads Offset first
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineSig:
                        var standalone = reader.GetStandaloneSignature((StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32()));
                        var sig = standalone.DecodeMethodSignature(_signatures, null);
                        Add(sig.ReturnType, used);
                        foreach (var p in sig.ParameterTypes)
                        {
                            Add(p, used);
                        }

                        break;
                    default: // InlineField, InlineMethod, InlineTok, InlineType: a metadata token
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()), used);
                        break;
                }
            }
        }

        private void Generics(GenericParameterHandleCollection parameters, HashSet<string> used)
        {
            foreach (var g in parameters)
            {
                var parameter = reader.GetGenericParameter(g);
                Attributes(parameter.GetCustomAttributes(), used);
                foreach (var c in parameter.GetConstraints())
                {
                    Entity(reader.GetGenericParameterConstraint(c).Type, used);
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes, HashSet<string> used)
        {
            foreach (var a in attributes)
            {
                Entity(reader.GetCustomAttribute(a).Constructor, used);
            }
        }

        // The outermost types of this assembly that a handle names or instantiates.
        private void Entity(EntityHandle handle, HashSet<string> used)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    used.Add(OwnerName((TypeDefinitionHandle)handle));
                    break;
                case HandleKind.TypeSpecification:
                    Add(reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_signatures, null), used);
                    break;
                case HandleKind.FieldDefinition:
                    used.Add(OwnerName(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()));
                    break;
                case HandleKind.MethodDefinition:
                    used.Add(OwnerName(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()));
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    Entity(member.Parent, used);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        var signature = member.DecodeMethodSignature(_signatures, null);
                        Add(signature.ReturnType, used);
                        foreach (var p in signature.ParameterTypes)
                        {
                            Add(p, used);
                        }
                    }
                    else
                    {
                        Add(member.DecodeFieldSignature(_signatures, null), used);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(spec.Method, used);
                    foreach (var t in spec.DecodeSignature(_signatures, null))
                    {
                        Add(t, used);
                    }

                    break;
                default: // TypeReference: another assembly's type
                    break;
            }
        }

        private void Add(ImmutableArray<TypeDefinitionHandle> types, HashSet<string> used)
        {
            foreach (var t in types)
            {
                used.Add(OwnerName(t));
            }
        }
    }

    /// <summary>Decodes a signature into the types of this assembly it mentions, generic arguments included.</summary>
    private sealed class Signatures(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        private static readonly ImmutableArray<TypeDefinitionHandle> None = [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => None;

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader metadata, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired)
            => modifier.AddRange(unmodifiedType);

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments)
            => typeArguments.Aggregate(genericType, (all, t) => all.AddRange(t));

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature)
            => signature.ParameterTypes.Aggregate(signature.ReturnType, (all, t) => all.AddRange(t));
    }
}
