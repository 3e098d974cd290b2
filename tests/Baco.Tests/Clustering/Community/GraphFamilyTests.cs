using Baco.Clustering;
using Baco.Clustering.Community;
using Baco.Clustering.Spectral;
using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Tests.Clustering.Community;

public sealed class GraphFamilyTests
{
    public static TheoryData<string> Methods => [.. CompressionMethods.All.Where(m => m.Family == MethodFamily.Graph).Select(m => m.Name)];

    internal static ICompressionMethod Create(string name) => name switch
    {
        "graphhash" => new GraphHash(),
        "leiden" => new LeidenClustering(),
        "lp" => new LabelPropagation(),
        "doublegraphhash" => new DoubleGraphHash(),
        "scc" => new SpectralCoClustering(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void RecoversThreePlantedBlocks(string name)
    {
        var g = BaselineGraphs.ThreeBlocks();

        // Knobs: resolution 1, 50 LP passes, 3 spectral co-clusters.
        double knob = name switch { "lp" => 50, "scc" => 3, _ => 1.0 };
        var a = Create(name).Compress(g, CompressionTarget.Knob(knob), new CompressionContext(8, 11)).Assignment;
        int First(SideAssignment s, int e) => s.CodesOf(e)[0];
        for (int b = 0; b < 3; b++)
        {
            for (int e = 6 * b; e < (6 * b) + 6; e++)
            {
                Assert.Equal(First(a.Users, 6 * b), First(a.Users, e));
                Assert.Equal(First(a.Items, 6 * b), First(a.Items, e));
            }
        }

        Assert.Equal(3, new[] { 0, 6, 12 }.Select(u => First(a.Users, u)).Distinct().Count());
        Assert.Equal(3, new[] { 0, 6, 12 }.Select(i => First(a.Items, i)).Distinct().Count());
    }

    [Fact]
    public void BipartiteModularityOfAHandPartition()
    {
        // Users 0, 1; items 0, 1; edges (0,0), (0,1), (1,1): m = 3, k_u = (2, 1), d_i = (1, 2).
        // Clusters {u0, i0} and {u1, i1}: 2 edges inside; null model 2*1 + 1*2 = 4.
        var g = BipartiteGraph.FromPairs(2, 2, [0, 0, 1], [0, 1, 1]);
        Assert.Equal(((2.0 - (4.0 / 3)) / 3), BipartiteModularity.Compute(g, [0, 1], [0, 1]), 12);
        Assert.Equal(((2.0 - (2 * 4.0 / 3)) / 3), BipartiteModularity.Compute(g, [0, 1], [0, 1], gamma: 2), 12);

        // All in one cluster: 3 - 3 * 3 / 3 = 0.
        Assert.Equal(0.0, BipartiteModularity.Compute(g, [5, 5], [5, 5]), 12);
    }

    [Fact]
    public void LouvainAndLeidenReachAtLeastThePlantedModularity()
    {
        var g = BaselineGraphs.ThreeBlocks();
        int[] planted = [.. Enumerable.Range(0, 18).Select(e => e / 6)];
        double q = BipartiteModularity.Compute(g, planted, planted);
        foreach (var method in new ICompressionMethod[] { new GraphHash(), new LeidenClustering() })
        {
            var r = method.Compress(g, CompressionTarget.Knob(1.0), new CompressionContext(8, 3));
            Assert.True(r.Stats.Modularity >= q - 1e-12, $"{method.Name}: Q {r.Stats.Modularity} < planted {q}");
        }
    }

    [Fact]
    public void IsolatedEntitiesShareOneColdRowPerSide()
    {
        // The random graph's last 3 users and last 2 items have no interaction.
        var g = BaselineGraphs.Random();
        foreach (string name in new[] { "graphhash", "leiden", "lp", "scc" })
        {
            double knob = name switch { "lp" => 3, "scc" => 20, _ => 1.0 };
            var a = Create(name).Compress(g, CompressionTarget.Knob(knob), new CompressionContext(8, 5)).Assignment;
            int coldUser = a.Users.RowCount - 1, coldItem = a.Items.RowCount - 1;
            Assert.All(Enumerable.Range(g.UserCount - 3, 3), u => Assert.Equal(coldUser, a.Users.CodesOf(u)[0]));
            Assert.All(Enumerable.Range(g.ItemCount - 2, 2), i => Assert.Equal(coldItem, a.Items.CodesOf(i)[0]));
            Assert.DoesNotContain(coldUser, a.Users.CodeArray[..(g.UserCount - 3)]);
            Assert.DoesNotContain(coldItem, a.Items.CodeArray[..(g.ItemCount - 2)]);
        }
    }

    [Fact]
    public void LabelPropagationStopsAtTheRowBudget()
    {
        var g = BaselineGraphs.Random();
        var r = new LabelPropagation().Compress(g, CompressionTarget.Rows(120), new CompressionContext(8, 1));
        Assert.InRange(r.Assignment.TotalRows, 118, 120);
        Assert.True(r.Knob > 0);
    }

    [Fact]
    public void DoubleGraphHashAddsADistinctHashedRow()
    {
        var g = BaselineGraphs.Random();
        var a = new DoubleGraphHash().Compress(g, CompressionTarget.Knob(2.0), new CompressionContext(8, 1)).Assignment;
        Assert.Equal(CodeCombiner.Sum, a.Combiner);
        Assert.Equal(g.UserCount + g.ItemCount, a.ExtraIndices);
        for (int u = 0; u < g.UserCount; u++)
        {
            var c = a.Users.CodesOf(u);
            Assert.Equal(2, c.Length);
            Assert.NotEqual(c[0], c[1]);
        }
    }
}
