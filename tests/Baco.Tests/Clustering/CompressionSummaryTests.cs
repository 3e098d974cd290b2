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
        var result = new CompressionResult(assignment, 0.5, 0.125, new CompressionStats { Gini = 0.25 });
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
        var result = new CompressionResult(CodebookAssignment.Full(1, 1) with { Method = "random" }, 3, 0, new CompressionStats());
        var json = CompressionSummary.From(result, graph, CompressionTarget.Rows(2), new CompressionContext(Dim: 2)).ToJson();
        Assert.Null(json["gamma"]);
        Assert.Equal(3.0, (double)json["knob"]!);
    }

    [Fact]
    public void StatsJsonHasThePresentFiguresInOrdinalKeyOrderWithFlagsAsNumbers()
    {
        var stats = new CompressionStats { Passes = 2.5, Modularity = 0.4, StoppedEarly = true, WithinTolerance = false, Accl = double.NaN, SearchRuns = 3 };
        var json = stats.ToJson();
        Assert.Equal(["Q", "accl", "passes", "search_runs", "stopped_early", "within_tolerance"], json.Select(kv => kv.Key).ToArray());
        Assert.Equal(0.4, (double)json["Q"]!);
        Assert.Null(json["accl"]); // present but not finite: written as null
        Assert.Equal(2.5, (double)json["passes"]!);
        Assert.Equal("{\"Q\":0.4,\"accl\":null,\"passes\":2.5,\"search_runs\":3,\"stopped_early\":1,\"within_tolerance\":0}", json.ToJsonString());
        Assert.Empty(new CompressionStats().ToJson());
    }
}
