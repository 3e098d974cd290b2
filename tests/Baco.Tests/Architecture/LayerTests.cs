using System.Text.RegularExpressions;
using Baco.Tests.TestSupport;

namespace Baco.Tests.Architecture;

/// <summary>
/// The library's namespaces depend in one order (docs/ARCHITECTURE.md, <see cref="Layering.Baco"/>):
/// checked on the compiled assembly, every use in every method body included, and on the source's
/// using directives (which also count uses in doc comments).
/// </summary>
public sealed partial class LayerTests
{
    [Fact]
    public void NoTypeUsesALayerAboveItsOwn()
    {
        var uses = TypeReferences.Read(typeof(BacoException).Assembly.Location);
        Assert.Contains("Baco.Workflows.TrainWorkflow", uses.Keys); // read the library, not nothing

        var violations = Layering.Baco.Check(uses);

        Assert.True(violations.Count == 0, Layering.Baco.Report(violations, "uses in the compiled Baco assembly go"));
    }

    [Fact]
    public void NoSourceFileImportsALayerAboveItsOwn()
    {
        string src = Path.Combine(Repository.Root(), "src", "Baco");
        var violations = new List<LayerViolation>();
        int files = 0;
        foreach (string path in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(src, path).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            files++;
            string text = File.ReadAllText(path);
            string ns = NamespaceLine().Match(text) is { Success: true } m ? m.Groups[1].Value : string.Empty;
            if (Layering.UnitOf(ns) is not { } from || !Layering.Baco.Knows(from))
            {
                violations.Add(new LayerViolation($"src/Baco/{relative}", Layering.UnitOf(ns) ?? $"namespace '{ns}'", string.Empty, "no place in the layer order"));
                continue;
            }

            foreach (Match u in UsingLine().Matches(text))
            {
                string used = u.Groups[1].Value;
                if (Layering.UnitOf(used) is { } to && !Layering.Baco.Allows(from, to))
                {
                    violations.Add(new LayerViolation($"src/Baco/{relative}", from, $"namespace {used}", to));
                }
            }
        }

        Assert.True(files > 100, $"found only {files} source files under {src}");
        Assert.True(violations.Count == 0, Layering.Baco.Report(violations, "using directives go"));
    }

    [Fact]
    public void TheCheckNamesEachBackReferenceAndNothingElse()
    {
        // A deliberately bad layering: Codebooks using Clustering, a leaf (IO) using a layer, the
        // root using a layer, a leaf using another leaf, and a namespace the order does not know;
        // beside uses that are fine.
        var uses = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Baco.Codebooks.CodebookAssignment"] = new HashSet<string> { "Baco.Clustering.Balanced.BacoFoldIn", "Baco.Graph.BipartiteGraph", "Baco.BacoException", "<PrivateImplementationDetails>" },
            ["Baco.IO.NpyFile"] = new HashSet<string> { "Baco.Data.Dataset", "Baco.InvalidSettingException" },
            ["Baco.Names"] = new HashSet<string> { "Baco.Models.ModelKind" },
            ["Baco.Numerics.BlockParallel"] = new HashSet<string> { "Baco.Parallelism", "Baco.Randomness.RandomSource" },
            ["Baco.Storage.ModelStore"] = new HashSet<string>(),
            ["Baco.Workflows.TrainWorkflow"] = new HashSet<string> { "Baco.Training.Trainer", "Baco.Reports.TrainingReport", "Baco.Workflows.TrainOutcome", "Baco.IO.NpyFile" },
            ["Baco.Reports.TrainingReport"] = new HashSet<string> { "Baco.Workflows.TrainOutcome", "Baco.Models.Kernels.SparseKernels" },
            ["System.Text.RegularExpressions.Generated.Pattern"] = new HashSet<string> { "Baco.Reports.TrainingReport" },
        };

        var violations = Layering.Baco.Check(uses);

        Assert.Equal(
        [
            "Baco.Codebooks.CodebookAssignment (Codebooks) uses Baco.Clustering.Balanced.BacoFoldIn (Clustering)",
            "Baco.IO.NpyFile (IO) uses Baco.Data.Dataset (Data)",
            "Baco.Names (Baco) uses Baco.Models.ModelKind (Models)",
            "Baco.Numerics.BlockParallel (Numerics) uses Baco.Randomness.RandomSource (Randomness)",
            "Baco.Storage.ModelStore (Storage) uses  (no place in the layer order)",
            "Baco.Workflows.TrainWorkflow (Workflows) uses Baco.Reports.TrainingReport (Reports)",
        ], violations.Select(v => v.ToString()));
        string message = Layering.Baco.Report(violations, "uses go");
        Assert.Contains("Baco.Codebooks.CodebookAssignment (Codebooks) uses Baco.Clustering.Balanced.BacoFoldIn (Clustering)", message, StringComparison.Ordinal);
        Assert.Contains("Baco.Storage.ModelStore: namespace unit 'Storage' has no place in the order", message, StringComparison.Ordinal);
        Assert.StartsWith("6 uses go against the layer order (layers, bottom first: Data < Graph < Codebooks", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(Fixtures.CreatesInBody), typeof(Fixtures.Created))]
    [InlineData(typeof(Fixtures.CallsStatic), typeof(Fixtures.Helper))]
    [InlineData(typeof(Fixtures.TestsType), typeof(Fixtures.Checked))]
    [InlineData(typeof(Fixtures.Catches), typeof(Fixtures.CaughtException))]
    [InlineData(typeof(Fixtures.UsesInLambda), typeof(Fixtures.Captured))]
    [InlineData(typeof(Fixtures.InstantiatesGeneric), typeof(Fixtures.TypeArgument))]
    [InlineData(typeof(Fixtures.ReadsTypeOf), typeof(Fixtures.Named))]
    [InlineData(typeof(Fixtures.IteratesWith), typeof(Fixtures.Yielded))]
    [InlineData(typeof(Fixtures.HasField), typeof(Fixtures.FieldType))]
    [InlineData(typeof(Fixtures.Derived), typeof(Fixtures.BaseType))]
    public void TheReaderSeesUsesInsideMethodBodies(Type user, Type used)
    {
        var uses = TypeReferences.Read(typeof(LayerTests).Assembly.Location);

        Assert.Contains(used.FullName!, uses[user.FullName!]);
        Assert.DoesNotContain(typeof(Fixtures.Unused).FullName!, uses[user.FullName!]);
    }

    [Fact]
    public void LayerUnitsAreTheFirstNameAfterBaco()
    {
        Assert.Equal("Baco", Layering.UnitOf("Baco"));
        Assert.Equal("Clustering", Layering.UnitOf("Baco.Clustering.Hashing"));
        Assert.Equal("Models", Layering.UnitOf("Baco.Models"));
        Assert.Null(Layering.UnitOf("BacoX.Models"));
        Assert.Null(Layering.UnitOf("System.Text.RegularExpressions.Generated"));
        Assert.Null(Layering.UnitOf(string.Empty));
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    // using X; using static X.Y; using A = X.Y; global using X; (not `using var` / `using (...)` statements)
    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(Baco(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
