using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Baco.Data;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Baco.Tests.Docs;

/// <summary>What compiling and running a snippet gave: compiler errors and warnings, or the exception it threw, and what it printed.</summary>
internal sealed record SnippetOutcome(IReadOnlyList<string> Diagnostics, Exception? Thrown, string Output);

/// <summary>
/// Compiles a C# program (top-level statements) in memory with Roslyn, as a console project of
/// the .NET SDK would (its implicit usings, nullable on, warnings reported) against the shared
/// framework and the built Baco library, then runs it in a collectible load context with
/// Console.Out captured.
/// </summary>
internal static class SnippetRunner
{
    // The global usings `dotnet new console` projects get (ImplicitUsings for Microsoft.NET.Sdk).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    private static readonly Lock ConsoleLock = new();

    /// <summary>Compiles and runs <paramref name="code"/>; diagnostics and stack traces name <paramref name="file"/> from line <paramref name="firstLine"/> on.</summary>
    public static SnippetOutcome Run(string code, string file, int firstLine)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees =
        [
            CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "ImplicitUsings.cs", Encoding.UTF8),
            CSharpSyntaxTree.ParseText($"#line {firstLine} \"{file}\"\n{code}", parse, file, Encoding.UTF8),
        ];
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                // Assembly version unification against the runtime's assemblies; the SDK silences these too.
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });
        var compilation = CSharpCompilation.Create("ReadmeSnippet" + Guid.NewGuid().ToString("N"), trees, References.Value, options);
        using var assembly = new MemoryStream();
        using var symbols = new MemoryStream();
        EmitResult emitted = compilation.Emit(assembly, symbols, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        string[] diagnostics =
        [
            .. emitted.Diagnostics
                .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
                .Select(d => d.ToString()),
        ];
        if (!emitted.Success || diagnostics.Length > 0)
        {
            return new SnippetOutcome(diagnostics, null, "");
        }

        assembly.Position = 0;
        symbols.Position = 0;
        var context = new AssemblyLoadContext("readme-snippet", isCollectible: true);
        try
        {
            MethodInfo entry = context.LoadFromStream(assembly, symbols).EntryPoint!;
            object?[]? arguments = entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()];
            using var output = new StringWriter();
            lock (ConsoleLock)
            {
                var previous = Console.Out;
                Console.SetOut(output);
                try
                {
                    if (entry.Invoke(null, arguments) is Task task)
                    {
                        task.GetAwaiter().GetResult();
                    }
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    return new SnippetOutcome([], e.InnerException, output.ToString());
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return new SnippetOutcome([], e, output.ToString());
                }
                finally
                {
                    Console.SetOut(previous);
                }
            }

            return new SnippetOutcome([], null, output.ToString());
        }
        finally
        {
            context.Unload();
        }
    }

    // The shared framework's assemblies (what a console project compiles against) and the Baco library.
    private static MetadataReference[] LoadReferences()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. trusted.Where(p => Path.GetDirectoryName(p) == framework).Select(p => MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(InteractionReader).Assembly.Location),
        ];
    }
}
