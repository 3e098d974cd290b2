using Baco.Clustering;
using Baco.Codebooks;

namespace Baco.Tests.Clustering;

public class CompressionSummaryTests
{
    [Fact]
    public void JsonFieldsFollowTheParameterFormula()
    {
        var graph = TestGraphs.FromEdges(3, 2, (0, 0), (1, 0), (2, 1));
        var users = new SideAssignment(2, [0, 0, 1, 1], [0, 1, 3, 4]); // user 1 has two codes
        var assignment = new CodebookAssignment("baco", users, SideAssignment.FromLabels([0, 0], 1));
        var result = new CompressionResult(assignment, 0.5, 0.125, new Dictionary<string, double> { ["gini"] = 0.25 });
        var json = CompressionSummary.From(result, graph, CompressionTarget.Knob(0.5), new CompressionContext(Dim: 4)).ToJson();
        Assert.Equal(3, (int)json["users"]!);
        Assert.Equal(3, (long)json["interactions"]!);
        Assert.Equal(((2 + 1) * 4) + 1, (long)json["params"]!);
        Assert.Equal((3 + 2) * 4, (long)json["full_params"]!);
        Assert.Equal(13.0 / 20, (double)json["ratio"]!, 6);
        Assert.Equal(0.5, (double)json["gamma"]!);
        Assert.Equal(0.25, (double)json["stats"]!["gini"]!);
    }

    [Fact]
    public void GammaIsNullForOtherMethods()
    {
        var graph = TestGraphs.FromEdges(1, 1, (0, 0));
        var result = new CompressionResult(CodebookAssignment.Full(1, 1) with { Method = "random" }, 3, 0, new Dictionary<string, double>());
        var json = CompressionSummary.From(result, graph, CompressionTarget.Rows(2), new CompressionContext(Dim: 2)).ToJson();
        Assert.Null(json["gamma"]);
        Assert.Equal(3.0, (double)json["knob"]!);
    }
}
