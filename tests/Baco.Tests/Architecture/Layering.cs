namespace Baco.Tests.Architecture;

/// <summary>A use that goes against the layer order: <paramref name="From"/> (in <paramref name="FromUnit"/>) uses <paramref name="To"/> (in <paramref name="ToUnit"/>).</summary>
internal sealed record LayerViolation(string From, string FromUnit, string To, string ToUnit)
{
    public override string ToString() => $"{From} ({FromUnit}) uses {To} ({ToUnit})";
}

/// <summary>
/// The order the library's namespaces may depend in (docs/ARCHITECTURE.md). A namespace's unit is
/// its first name after "Baco" (Baco.Clustering.Hashing is in Clustering), or the root namespace
/// Baco itself. A layer may use the layers before it in <see cref="Layers"/>, its own unit and
/// every leaf; a leaf may use only the root namespace, and the root nothing.
/// </summary>
internal sealed class Layering(string[] layers, string[] leaves)
{
    /// <summary>The root namespace's unit: exceptions and settings every layer shares.</summary>
    public const string Root = "Baco";

    /// <summary>The library's order, bottom first; the CLI (another assembly) is above <c>Reports</c>.</summary>
    public static Layering Baco { get; } = new(
        ["Data", "Graph", "Codebooks", "Clustering", "Assignment", "Models", "Evaluation", "Training", "Workflows", "Reports"],
        [Root, "IO", "Numerics", "Randomness"]);

    /// <summary>The layers, bottom first.</summary>
    public IReadOnlyList<string> Layers { get; } = layers;

    /// <summary>The units below every layer.</summary>
    public IReadOnlyList<string> Leaves { get; } = leaves;

    /// <summary>The order in words, for messages.</summary>
    public string Describe()
        => $"layers, bottom first: {string.Join(" < ", Layers)}; leaves below them all: {string.Join(", ", Leaves)} "
            + "(a layer may use the layers before it and the leaves; a leaf only the root namespace Baco)";

    /// <summary>
    /// The unit of namespace <paramref name="ns"/>: "Baco" for the root, the name after "Baco." otherwise,
    /// null outside Baco (types the compiler generates: &lt;PrivateImplementationDetails&gt;, regex
    /// source generators' System.Text.RegularExpressions.Generated...).
    /// </summary>
    public static string? UnitOf(string ns)
    {
        if (ns == Root)
        {
            return Root;
        }

        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        string rest = ns[(Root.Length + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>The namespace of a type's full name (the part before its last dot; empty for none).</summary>
    public static string NamespaceOf(string typeName)
    {
        int dot = typeName.LastIndexOf('.');
        return dot < 0 ? string.Empty : typeName[..dot];
    }

    /// <summary>Whether this order has a place for <paramref name="unit"/>.</summary>
    public bool Knows(string unit) => Layers.Contains(unit) || Leaves.Contains(unit);

    /// <summary>Whether code in <paramref name="from"/> may use code in <paramref name="to"/>.</summary>
    public bool Allows(string from, string to)
    {
        if (from == to)
        {
            return true;
        }

        if (Leaves.Contains(from))
        {
            return from != Root && to == Root;
        }

        int fromIndex = Array.IndexOf(layers, from);
        return fromIndex >= 0 && (Leaves.Contains(to) || (Array.IndexOf(layers, to) is int toIndex && toIndex >= 0 && toIndex < fromIndex));
    }

    /// <summary>
    /// Every use in <paramref name="uses"/> (type to the types it uses, as <see cref="TypeReferences.Read"/> gives)
    /// that this order forbids, and every type in a Baco namespace the order has no place for (with To empty).
    /// </summary>
    public IReadOnlyList<LayerViolation> Check(IReadOnlyDictionary<string, IReadOnlySet<string>> uses)
    {
        var violations = new List<LayerViolation>();
        foreach (var (type, used) in uses.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (UnitOf(NamespaceOf(type)) is not { } from)
            {
                continue;
            }

            if (!Knows(from))
            {
                violations.Add(new LayerViolation(type, from, string.Empty, "no place in the layer order"));
                continue;
            }

            foreach (string target in used.Order(StringComparer.Ordinal))
            {
                if (UnitOf(NamespaceOf(target)) is { } to && !Allows(from, to))
                {
                    violations.Add(new LayerViolation(type, from, target, to));
                }
            }
        }

        return violations;
    }

    /// <summary>The failure message for <paramref name="violations"/>: the order, then one line per offending use.</summary>
    public string Report(IReadOnlyList<LayerViolation> violations, string what)
        => $"{violations.Count} {what} against the layer order ({Describe()}):\n"
            + string.Join('\n', violations.Select(v => v.To.Length == 0 ? $"  {v.From}: namespace unit '{v.FromUnit}' has no place in the order; add it to {nameof(Layering)}.{nameof(Baco)} and docs/ARCHITECTURE.md" : $"  {v}"))
            + "\nMove the used type down to a layer the user may use, or the user up; see docs/ARCHITECTURE.md.";
}
