using Baco.Clustering;
using Baco.Clustering.Hashing;
using Baco.Tests.Clustering.Community;

namespace Baco.Tests.Clustering.Budget;

public sealed class BudgetAndDeterminismTests
{
    public static TheoryData<string> AllMethods =>
        [.. CompressionMethods.All.Where(m => m.Family is MethodFamily.Graph or MethodFamily.Hashing).Select(m => m.Name)];

    internal static ICompressionMethod Create(string name) => name switch
    {
        "random" => new RandomHashing(),
        "hash" => new UniversalHashing(),
        "frequency" => new FrequencyHashing(),
        "double" => new DoubleHashing(),
        "hybrid" => new HybridHashing(),
        "lsh" => new LshHashing(),
        _ => GraphFamilyTests.Create(name),
    };

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void MeetsTheBudgetWithinTwoPercent(string name)
    {
        var g = BaselineGraphs.Random();
        var method = Create(name);
        Assert.Equal(name, method.Name);
        var target = CompressionTarget.Fraction(0.3);
        long budget = target.BudgetParameters(g.UserCount, g.ItemCount, 16)!.Value;
        var r = method.Compress(g, target, new CompressionContext(16, 1));
        long p = r.Assignment.Parameters(16);
        Assert.True(p <= budget, $"{name}: {p} > {budget}");

        // Louvain's row count is a step function of the resolution (a level can merge several
        // clusters at once), so on a 500-node graph it may not land within 2 %; it must come
        // close and report honestly. Every other method can hit the window.
        double floor = name is "graphhash" or "leiden" or "doublegraphhash" ? 0.95 : 0.98;
        Assert.True(p >= floor * budget, $"{name}: {p} < {floor} * {budget} (knob {r.Knob})");
        if (r.Stats.WithinTolerance is bool within)
        {
            Assert.Equal(p >= 0.98 * budget, within);
        }
        Assert.Equal(name, r.Assignment.Method);
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void SameSeedSameAssignmentAndCodesInRange(string name)
    {
        var g = BaselineGraphs.Random();
        var target = CompressionTarget.Rows(100);
        var a = Create(name).Compress(g, target, new CompressionContext(8, 42)).Assignment;
        var b = Create(name).Compress(g, target, new CompressionContext(8, 42)).Assignment;
        Assert.Equal(a.Users.Codes, b.Users.Codes);
        Assert.Equal(a.Items.Codes, b.Items.Codes);
        Assert.Equal(a.Users.Offsets, b.Users.Offsets);
        Assert.Equal(a.Items.Offsets, b.Items.Offsets);
        foreach (var side in new[] { a.Users, a.Items })
        {
            for (int e = 0; e < side.EntityCount; e++)
            {
                Assert.True(side.CodesOf(e).Length >= 1);
            }

            Assert.All(side.CodeArray, c => Assert.InRange(c, 0, side.RowCount - 1));
        }

        Assert.Equal(g.UserCount, a.Users.EntityCount);
        Assert.Equal(g.ItemCount, a.Items.EntityCount);
    }
}
