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
        Assert.Contains("Best baseline by test Recall@20: graphhash (32.000 %).", md);
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
        Assert.Contains("Best baseline by test Recall@5: leiden (40.000 %).", md);
        Assert.Contains("| -60.0% | -50.0% |", md); // baco at K = 5: 0.2 against full 0.5 and against leiden 0.4
        Assert.Equal(("leiden", 0.4), ComparisonReport.BestBaseline(outcomes, 5));
        Assert.Equal([5, 100], ComparisonReport.EvaluatedKs(outcomes));

        // Every table line has the same number of cells, failures included.
        var rows = md.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Count(c => c == '|')).Distinct();
        Assert.Single(rows);
    }

    private static MethodOutcome Measured(string method, double validation20, double test20, int rows = 2)
    {
        var o = Outcome(method, test20, rows);
        var val = new RankingMetrics([10, 20, 50], [0.1, validation20, 0.3], [0.1, validation20, 0.3], [0.05, validation20 / 2, 0.07], 10, 0);
        return o with { Training = o.Training! with { Validation = val } };
    }

    [Fact]
    public void TheRecommendationIsChosenOnValidationNotTestAndNeverIsTheFullModel()
    {
        // full is best everywhere but is not a compressed table; baco has the best validation
        // figure but a worse test one than scc: validation decides.
        var outcomes = new[] { Measured("full", 0.9, 0.5), Measured("scc", 0.40, 0.35), Measured("baco", 0.45, 0.30) };
        var r = MethodRecommendation.Choose(outcomes)!;
        Assert.Equal("baco", r.Method);
        Assert.False(r.ChosenOnTest);
        Assert.Equal(0.45, r.Score);
        Assert.Equal(0.30, r.Test.RecallAt(20));
        Assert.Equal((0.30 / 0.5) - 1, r.VersusFull!.Value, 12); // -40 %
        Assert.Null(r.BacoVersusIt); // BACO is the recommended method itself
        Assert.Equal("Recommended at this budget: baco, the most accurate compressed table by validation Recall@20 (45.000 %): test R@20 30.000 %, N@20 6.000 %, -40.0% against the full model.", r.Describe());
    }

    [Fact]
    public void TheRecommendationDoesNotFavourBacoAndSaysHowFarBehindBacoIs()
    {
        var outcomes = new[] { Measured("baco", 0.30, 0.30), Measured("scc", 0.40, 0.40), Measured("leiden", 0.35, 0.45) };
        var r = MethodRecommendation.Choose(outcomes)!;
        Assert.Equal("scc", r.Method);
        Assert.Null(r.VersusFull); // no full model measured
        Assert.Equal((0.30 / 0.40) - 1, r.BacoVersusIt!.Value, 12); // -25 %
        Assert.EndsWith("BACO's test Recall@20 is -25.0% against it.", r.Describe());
    }

    [Fact]
    public void ATieGoesToFewerParametersWhateverTheOrderAndIsSaid()
    {
        // baco and random tie on validation; random has fewer rows. Listed either way, random is named.
        MethodOutcome[] Listed(bool bacoFirst) => bacoFirst
            ? [Measured("baco", 0.40, 0.35, rows: 3), Measured("random", 0.40, 0.30), Measured("scc", 0.30, 0.45)]
            : [Measured("scc", 0.30, 0.45), Measured("random", 0.40, 0.30), Measured("baco", 0.40, 0.35, rows: 3)];
        foreach (bool bacoFirst in new[] { true, false })
        {
            var r = MethodRecommendation.Choose(Listed(bacoFirst))!;
            Assert.Equal("random", r.Method);
            Assert.Equal(["baco"], r.TiedWith);
            Assert.Contains("random, tied for the most accurate compressed table with baco by validation Recall@20", r.Describe(), StringComparison.Ordinal);
        }

        // Equal parameters too: the first name in ordinal order, not the first listed.
        var same = new[] { Measured("random", 0.40, 0.30), Measured("hash", 0.40, 0.30) };
        Assert.Equal("hash", MethodRecommendation.Choose(same)!.Method);
    }

    [Fact]
    public void WithoutValidationFiguresTheRecommendationSaysItWasChosenOnTest()
    {
        var outcomes = new[] { Outcome("baco", 0.2), Outcome("graphhash", 0.3) };
        var r = MethodRecommendation.Choose(outcomes)!;
        Assert.Equal("graphhash", r.Method);
        Assert.True(r.ChosenOnTest);
        Assert.Contains("by test Recall@20 (30.000 %; no validation figures were measured)", r.Describe());
    }

    [Fact]
    public void TheReportAndResultsCarryTheRecommendationAndOmitItWhenNothingSucceeded()
    {
        var outcomes = new[] { Measured("full", 0.5, 0.5), Measured("baco", 0.3, 0.3), Measured("scc", 0.4, 0.4) };
        string md = ComparisonReport.Markdown(outcomes, dim: 8, "t");
        Assert.Contains("Recommended at this budget: scc,", md);
        var json = ComparisonReport.Json(outcomes, dim: 8, new System.Text.Json.Nodes.JsonObject());
        Assert.Equal("scc", (string)json["recommended"]!["method"]!);
        Assert.Equal("validation recall@20", (string)json["recommended"]!["chosen_by"]!);
        Assert.Equal(0.4, (double)json["recommended"]!["test_recall@20"]!);

        var failedOnly = new[] { Measured("full", 0.5, 0.5), new MethodOutcome("baco", null, null, "failed") };
        Assert.Null(MethodRecommendation.Choose(failedOnly));
        Assert.DoesNotContain("Recommended", ComparisonReport.Markdown(failedOnly, dim: 8, "t"), StringComparison.Ordinal);
        Assert.Null(ComparisonReport.Json(failedOnly, dim: 8, new System.Text.Json.Nodes.JsonObject())["recommended"]);
    }
}
