using Baco.Clustering.Balanced;

namespace Baco.Tests.Clustering.Balanced;

public class NodeWeightsTests
{
    // Users have degrees 3, 1, 0; items have degrees 2, 1, 1.
    private static readonly Baco.Graph.BipartiteGraph Graph = TestGraphs.FromEdges(3, 3, (0, 0), (0, 1), (0, 2), (1, 0));

    [Fact]
    public void DegreeWeightsAreDegreeOverRootOfTotal()
    {
        var w = NodeWeights.ForUsers(Graph, WeightScheme.Degree);
        Assert.Equal([3 / 2.0, 1 / 2.0, 0], w);
    }

    [Fact]
    public void CpmWeightsAreOneOverRootOfCount()
    {
        var w = NodeWeights.ForUsers(Graph, WeightScheme.Cpm);
        Assert.All(w, x => Assert.Equal(1 / Math.Sqrt(3), x, 12));
    }

    [Fact]
    public void SqrtAndLogSchemes()
    {
        var s = NodeWeights.ForItems(Graph, WeightScheme.Sqrt);
        double total = Math.Sqrt(2) + 1 + 1;
        Assert.Equal(Math.Sqrt(2) / Math.Sqrt(total), s[0], 12);
        Assert.Equal(1 / Math.Sqrt(total), s[1], 12);
        var l = NodeWeights.ForItems(Graph, WeightScheme.Log);
        double lt = Math.Log(3) + (2 * Math.Log(2));
        Assert.Equal(Math.Log(3) / Math.Sqrt(lt), l[0], 12);
    }

    [Fact]
    public void AuthorsCpmUsesDegreeOverRootOfCount()
    {
        var w = NodeWeights.ForItems(Graph, WeightScheme.AuthorsCpm);
        Assert.Equal(2 / Math.Sqrt(3), w[0], 12);
        Assert.Equal(1 / Math.Sqrt(3), w[1], 12);
    }

    [Theory]
    [InlineData("cpm", WeightScheme.Cpm)]
    [InlineData("Degree", WeightScheme.Degree)]
    [InlineData("authors-cpm", WeightScheme.AuthorsCpm)]
    public void ParsesNamesAndRoundTrips(string name, WeightScheme scheme)
    {
        Assert.Equal(scheme, NodeWeights.Parse(name));
        Assert.Equal(scheme, NodeWeights.Parse(NodeWeights.Name(scheme)));
    }

    [Fact]
    public void UnknownSchemeNamesTheValidOnes()
    {
        var ex = Assert.Throws<InvalidSettingException>(() => NodeWeights.Parse("pagerank"));
        Assert.Contains("cpm, degree, sqrt, log or authors-cpm", ex.Message);
    }
}
