using Baco.Clustering;
using Baco.Clustering.Balanced;
using Baco.Codebooks;

namespace Baco.Tests.Clustering.Balanced;

public class BacoCompressorTests
{
    private static readonly Baco.Graph.BipartiteGraph Planted = TestGraphs.Planted(600, 400, 10, 6, 0.8, 5);

    [Fact]
    public void EveryUserHasOneOrTwoCodesAndEveryItemOneAllInRange()
    {
        var run = new BacoCompressor().Run(Planted, 0.05, seed: 3);
        var a = run.Assignment;
        int withTwo = 0;
        for (int u = 0; u < Planted.UserCount; u++)
        {
            var codes = a.Users.CodesOf(u);
            Assert.InRange(codes.Length, 1, 2);
            if (codes.Length == 2)
            {
                withTwo++;
                Assert.NotEqual(codes[0], codes[1]);
            }
        }

        Assert.Equal(run.SecondaryUsers, withTwo);
        Assert.Equal(withTwo, a.ExtraIndices);
        Assert.Equal(Planted.ItemCount, a.Items.Codes.Length);
        Assert.All(a.Users.CodeArray, c => Assert.InRange(c, 0, a.Users.RowCount - 1));
        Assert.All(a.Items.CodeArray, c => Assert.InRange(c, 0, a.Items.RowCount - 1));

        // Every row is used: the renumbering is dense.
        Assert.All(a.Users.RowSizes(), s => Assert.True(s > 0));
        Assert.All(a.Items.RowSizes(), s => Assert.True(s > 0));
    }

    [Fact]
    public void RowCountsMatchTheDistinctLabels()
    {
        var run = new BacoCompressor(BacoOptions.Paper with { SecondaryUserClusters = false }).Run(Planted, 0.05, seed: 1);
        Assert.Equal(run.Clusters.UserLabels.Distinct().Count(), run.Assignment.Users.RowCount);
        Assert.Equal(run.Clusters.ItemLabels.Distinct().Count(), run.Assignment.Items.RowCount);
        Assert.Equal(0, run.Assignment.ExtraIndices);
        // Users sharing a label share a row, and only they.
        for (int u = 1; u < Planted.UserCount; u++)
        {
            bool sameLabel = run.Clusters.UserLabels[u] == run.Clusters.UserLabels[u - 1];
            bool sameRow = run.Assignment.Users.Codes[u] == run.Assignment.Users.Codes[u - 1];
            Assert.Equal(sameLabel, sameRow);
        }
    }

    [Fact]
    public void LargerGammaGivesMoreRows()
    {
        var baco = new BacoCompressor(new BacoOptions { MoveRule = MoveRule.IfBetter });
        int small = baco.Run(Planted, 1, seed: 2).Assignment.TotalRows;
        int large = baco.Run(Planted, 100, seed: 2).Assignment.TotalRows;
        Assert.True(large > small, $"rows at gamma 100 ({large}) should exceed rows at gamma 1 ({small})");
    }

    [Fact]
    public void SameSeedGivesIdenticalAssignmentsAndDifferentSeedsDiffer()
    {
        var baco = new BacoCompressor();
        var a = baco.Run(Planted, 0.05, seed: 7).Assignment;
        var b = baco.Run(Planted, 0.05, seed: 7).Assignment;
        var c = baco.Run(Planted, 0.05, seed: 8).Assignment;
        Assert.Equal(a.Users.Codes, b.Users.Codes);
        Assert.Equal(a.Users.Offsets, b.Users.Offsets);
        Assert.Equal(a.Items.Codes, b.Items.Codes);
        Assert.False(a.Users.Codes.SequenceEqual(c.Users.Codes) && a.Items.Codes.SequenceEqual(c.Items.Codes));
    }

    [Fact]
    public void IsolatedEntitiesShareAColdRowOrKeepTheirOwn()
    {
        // Users 3, 4 and item 3 have no interaction.
        var g = TestGraphs.FromEdges(5, 4, (0, 0), (1, 0), (1, 1), (2, 2));
        var shared = new BacoCompressor(BacoOptions.Paper with { SecondaryUserClusters = false }).Run(g, 0.1, seed: 0).Assignment;
        Assert.Equal(shared.Users.Codes[3], shared.Users.Codes[4]);
        Assert.Equal(shared.Users.RowCount - 1, shared.Users.Codes[3]);
        Assert.DoesNotContain(shared.Users.CodeArray[3], shared.Users.CodeArray[..3]);
        Assert.Equal(shared.Items.RowCount - 1, shared.Items.Codes[3]);

        var own = new BacoCompressor(new BacoOptions { SecondaryUserClusters = false, Isolated = IsolatedPolicy.OwnRow }).Run(g, 0.1, seed: 0).Assignment;
        Assert.NotEqual(own.Users.Codes[3], own.Users.Codes[4]);
        Assert.Equal(shared.Users.RowCount + 1, own.Users.RowCount);
    }

    [Fact]
    public void IsolatedUsersGetNoSecondaryRow()
    {
        var g = TestGraphs.FromEdges(3, 3, (0, 0), (0, 1), (1, 1), (1, 2));
        var run = new BacoCompressor().Run(g, 0.1, seed: 0);
        Assert.Equal(1, run.Assignment.Users.CodesOf(2).Length);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(0.45)]
    public void FractionBudgetIsMetWithinTwoPercent(double fraction)
    {
        var result = new BacoCompressor().Compress(Planted, CompressionTarget.Fraction(fraction), new CompressionContext(Dim: 64, Seed: 4));
        long budget = (long)Math.Floor(fraction * ParameterCount.Full(Planted.UserCount, Planted.ItemCount, 64));
        long p = result.Assignment.Parameters(64);
        Assert.True(p <= budget, $"{p} parameters exceed the budget {budget}");
        Assert.True(p >= 0.98 * budget, $"{p} parameters are more than 2 % under the budget {budget}");
        Assert.True(result.Knob > 0);
        Assert.True(result.Stats.SearchRuns >= 2);
    }

    [Fact]
    public void RowBudgetCountsRowsTimesDim()
    {
        var result = new BacoCompressor().Compress(Planted, CompressionTarget.Rows(600), new CompressionContext(Dim: 8, Seed: 1));
        long p = result.Assignment.Parameters(8);
        Assert.InRange(p, (long)(0.98 * 600 * 8), 600 * 8);
    }

    [Fact]
    public void BudgetSearchIsDeterministic()
    {
        var ctx = new CompressionContext(Dim: 64, Seed: 9);
        var a = new BacoCompressor().Compress(Planted, CompressionTarget.Fraction(0.5), ctx);
        var b = new BacoCompressor().Compress(Planted, CompressionTarget.Fraction(0.5), ctx);
        Assert.Equal(a.Knob, b.Knob);
        Assert.Equal(a.Assignment.Users.Codes, b.Assignment.Users.Codes);
        Assert.Equal(a.Assignment.Items.Codes, b.Assignment.Items.Codes);
    }

    [Fact]
    public void KnobTargetUsesGammaAsGiven()
    {
        var result = new BacoCompressor().Compress(Planted, CompressionTarget.Knob(0.05), new CompressionContext(Seed: 3));
        Assert.Equal(0.05, result.Knob);
        var direct = new BacoCompressor().Run(Planted, 0.05, seed: 3);
        Assert.Equal(direct.Assignment.Users.Codes, result.Assignment.Users.Codes);
        Assert.Equal(direct.Clusters.Objective, result.Stats.ObjectiveQ);
    }

    [Fact]
    public void ARowStopThePassesNeverReachAreNotedAndOneTheyReachIsNot()
    {
        // One pass leaves some 450 rows in the solver's count (isolated entities and secondary
        // rows aside) on this graph at a tiny gamma: a stop at 100 is never reached.
        var onePass = new BacoCompressor(new BacoOptions { Passes = 1 }).Run(Planted, 1e-6).Clusters.Passes[^1];
        int rows = onePass.UserRows + onePass.ItemRows;
        Assert.InRange(rows, 400, 600);
        var notes = new List<string>();
        var ctx = new CompressionContext(Seed: 0, Progress: new Progress(notes));
        var unreached = new BacoCompressor(new BacoOptions { Passes = 1, StopRows = 100 }).Compress(Planted, CompressionTarget.Knob(1e-6), ctx);
        Assert.False(unreached.Stats.StoppedEarly);
        string note = Assert.Single(notes, n => n.StartsWith("the row stop", StringComparison.Ordinal));
        Assert.Equal($"the row stop (100 rows) was not reached: 1 pass ended at {rows} user and item rows; more passes or a smaller gamma merge more", note);

        notes.Clear();
        var reached = new BacoCompressor(new BacoOptions { Passes = 1, StopRows = 700 }).Compress(Planted, CompressionTarget.Knob(1e-6), ctx);
        Assert.True(reached.Stats.StoppedEarly);
        Assert.DoesNotContain(notes, n => n.StartsWith("the row stop", StringComparison.Ordinal));
    }

    private sealed class Progress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }

    [Fact]
    public void UnreachableBudgetIsAClearError()
    {
        // One row's worth of parameters cannot hold 600 users and 400 items in any co-clustering.
        var ex = Assert.Throws<BudgetUnreachableException>(() =>
            new BacoCompressor().Compress(Planted, CompressionTarget.Rows(1), new CompressionContext(Dim: 4)));
        Assert.Contains("budget", ex.Message);
    }

    [Fact]
    public void WhenTPassesCannotReachTheBudgetTheSearchDoublesThem()
    {
        // On this graph one pass leaves 521 rows (33,870 parameters at dim 64) at any gamma, two
        // passes 376 rows (24,592): a 390-row budget needs the second pass.
        var target = CompressionTarget.Rows(390);
        var ctx = new CompressionContext(Dim: 64, Seed: 0);
        var onePass = new BacoCompressor(new BacoOptions { Passes = 1 });
        Assert.True(onePass.Run(Planted, 1e-6).Assignment.Parameters(64) > 390 * 64);

        var result = onePass.Compress(Planted, target, ctx);
        Assert.InRange(result.Assignment.Parameters(64), 1, 390 * 64);
        Assert.Equal(2, result.Stats.Passes);

        // It is exactly the search a two-pass compressor makes.
        var twoPasses = new BacoCompressor(new BacoOptions { Passes = 2 }).Compress(Planted, target, ctx);
        Assert.Equal(twoPasses.Knob, result.Knob);
        Assert.Equal(twoPasses.Assignment.Users.Codes, result.Assignment.Users.Codes);
        Assert.Equal(twoPasses.Assignment.Items.Codes, result.Assignment.Items.Codes);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Equal("Passes", Assert.Throws<InvalidSettingException>(() => new BacoCompressor(new BacoOptions { Passes = 0 })).Setting);
        Assert.Equal("Knob", Assert.Throws<InvalidSettingException>(() => new BacoCompressor().Run(Planted, -1)).Setting);
    }

    [Fact]
    public void TheFallbackRowStopCountsIsolatedEntitiesAsTheSolverDoes()
    {
        // 630,000 parameters after the reserve are 9,843 rows of 64; 99 isolated entities beyond
        // the first of their side sit in 99 solver rows that a shared cold row folds into none.
        Assert.Equal(9_843 + 99, BacoCompressor.FallbackStop(640_000, 10_000, 64, collapsed: 99, stopRows: null));
        Assert.Equal(9_843, BacoCompressor.FallbackStop(640_000, 10_000, 64, collapsed: 0, stopRows: null));
        Assert.Equal(5_000, BacoCompressor.FallbackStop(640_000, 10_000, 64, collapsed: 99, stopRows: 5_000)); // the user's stop is in the solver's count already
        Assert.Equal(1, BacoCompressor.FallbackStop(1_000, 10_000, 64, collapsed: 0, stopRows: null)); // at least one row
    }
}
