using Baco.Clustering;
using Baco.Codebooks;
using Baco.Evaluation;
using Baco.Reports;
using Baco.Training;
using Baco.Workflows;

namespace Baco.Tests.Reports;

public class ComparisonReportTests
{
    private static MethodOutcome Outcome(string method, double recall20, int rows = 2)
    {
        var assignment = method == "full"
            ? CodebookAssignment.Full(4, 4)
            : new CodebookAssignment(method, SideAssignment.FromLabels([0, 0, 1, 1], rows), SideAssignment.FromLabels([0, 1, 0, 1], 2));
        var metrics = new RankingMetrics([10, 20, 50], [0.1, recall20, 0.3], [0.1, recall20, 0.3], [0.05, 0.06, 0.07], 10, 0);
        var training = new TrainingResult(null!, 10, 20, false, null, metrics, 1.5, []);
        return new MethodOutcome(method, new CompressionResult(assignment, 1.0, 0.25, new CompressionStats()), training, null);
    }

    [Fact]
    public void BestBaselineExcludesFullAndBaco()
    {
        var outcomes = new[] { Outcome("full", 0.5), Outcome("baco", 0.4), Outcome("graphhash", 0.3), Outcome("random", 0.1) };
        Assert.Equal(("graphhash", 0.3), ComparisonReport.BestBaseline(outcomes));
    }

    [Fact]
    public void MarkdownHasOneRowPerMethodWithRelativeDifferences()
    {
        var failed = new MethodOutcome("scc", null, null, "no budget | reachable");
        var outcomes = new[] { Outcome("full", 0.5), Outcome("baco", 0.4), Outcome("graphhash", 0.32), failed };
        string md = ComparisonReport.Markdown(outcomes, dim: 8, "t");
        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| method", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        // baco: 0.4 / 0.5 - 1 = -20 % to full, 0.4 / 0.32 - 1 = +25 % to the best baseline.
        Assert.Contains("| -20.0% | +25.0% |", rows[1]);
        Assert.Contains("40.000", rows[1]);
        Assert.Contains("| 10 / 20 |", rows[1]);
        // Every row has as many cells as the header.
        int columns = md.Split('\n').First(l => l.StartsWith("| method", StringComparison.Ordinal)).Count(c => c == '|');
        Assert.All(rows.Take(3), r => Assert.Equal(columns, r.Count(c => c == '|')));
        // The failure keeps its row and its message, with the table's pipe escaped.
        Assert.Contains("failed: no budget \\| reachable", rows[3]);
        Assert.Contains("Best baseline by Recall@20: graphhash (32.000 %)", md);
    }

    [Fact]
    public void JsonCarriesParametersAndMetrics()
    {
        var json = ComparisonReport.Json([Outcome("baco", 0.4, rows: 3)], dim: 8, new System.Text.Json.Nodes.JsonObject());
        var row = json["methods"]![0]!;
        Assert.Equal((3 + 2) * 8, (long)row["params"]!);
        Assert.Equal(0.4, (double)row["recall@20"]!);
        Assert.True((bool)row["ok"]!);
    }

    [Fact]
    public void TheTableFollowsTheEvaluatedCutOffsAndTheHeadlineK()
    {
        // Evaluated at K = 5 and 100 only: no column or difference may ask for K = 20.
        MethodOutcome At(string method, double recall5)
        {
            var o = Outcome(method, 0.2);
            var metrics = new RankingMetrics([5, 100], [recall5, 0.9], [recall5, 0.9], [0.04, 0.08], 10, 0);
            return o with { Training = o.Training! with { Test = metrics } };
        }

        var outcomes = new[] { At("full", 0.5), At("baco", 0.2), At("leiden", 0.4), new MethodOutcome("scc", null, null, "failed") };
        string md = ComparisonReport.Markdown(outcomes, dim: 8, "t", headlineK: 5);
        Assert.Contains("| R@5 | R@100 | N@5 | N@100 | vs full | vs best baseline |", md);
        Assert.DoesNotContain("@20", md);
        Assert.Contains("Best baseline by Recall@5: leiden (40.000 %).", md);
        Assert.Contains("| -60.0% | -50.0% |", md); // baco at K = 5: 0.2 against full 0.5 and against leiden 0.4
        Assert.Equal(("leiden", 0.4), ComparisonReport.BestBaseline(outcomes, 5));
        Assert.Equal([5, 100], ComparisonReport.EvaluatedKs(outcomes));

        // Every table line has the same number of cells, failures included.
        var rows = md.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Count(c => c == '|')).Distinct();
        Assert.Single(rows);
    }
}
