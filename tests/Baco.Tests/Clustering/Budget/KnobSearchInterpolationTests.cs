using Baco.Clustering;
using Baco.Clustering.Budget;

namespace Baco.Tests.Clustering.Budget;

public sealed class KnobSearchInterpolationTests
{
    [Fact]
    public void PowerLawCurveIsHitInFewRuns()
    {
        // Parameters grow like knob^0.6 (as rows do with a resolution); budget far from the guess.
        var r = KnobSearch.Search(k => (long)(1000 * Math.Pow(k, 0.6)), p => p, 250_000, 1.0, 1e-4, 1e9);
        Assert.True(r.WithinTolerance);
        Assert.InRange(r.Result, 245_000, 250_000);
        Assert.True(r.Runs <= 12, $"{r.Runs} runs");
    }

    [Theory]
    [InlineData(0.4, 10)]
    [InlineData(0.6, 8)]
    [InlineData(1.0, 5)]
    [InlineData(2.0, 4)]
    public void WideningFollowsTheMeasuredSlope(double exponent, int mostRuns)
    {
        // A budget 10^4 times the first run's parameters: steps sized by the measured slope reach
        // it in a few runs (4x steps sized as if linear took 15, 8 and 6 runs at 0.6, 1 and 2).
        const long budget = 10_000_000;
        var r = KnobSearch.Search(k => (long)(1000 * Math.Pow(k, exponent)), p => p, budget, 1.0, 1e-4, 1e12);
        Assert.True(r.WithinTolerance);
        Assert.True(r.Runs <= mostRuns, $"exp {exponent}: {r.Runs} runs, knob {r.Knob}");
    }

    [Fact]
    public void IntegerKnobLandsInTheWindow()
    {
        var r = KnobSearch.Search(k => (long)k * 64, p => p, 100_000, 10, 1, 1_000_000, integer: true);
        Assert.True(r.WithinTolerance);
        Assert.True(r.Result <= 100_000);
        Assert.Equal(Math.Floor(r.Knob), r.Knob);
    }

    [Fact]
    public void StepFunctionNeverExceedsTheBudget()
    {
        // A jump over the window: the best result under the budget is kept, flagged as outside.
        var r = KnobSearch.Search(k => k < 5 ? 900L : 1200L, p => p, 1000, 1, 1e-3, 100);
        Assert.Equal(900, r.Result);
        Assert.False(r.WithinTolerance);
    }

    [Fact]
    public void AKnobThatStopsActingEndsTheSearchAfterTheStallLimit()
    {
        // Over the budget at every knob (label propagation stuck at one table): before, the search
        // walked down to its minimum (30 runs on Beauty at 0.10) before giving up.
        int runs = 0;
        Assert.Throws<BudgetUnreachableException>(() => KnobSearch.Search(k => { runs++; return 5000L; }, p => p, 1000, 1, 1e-6, 1e9));
        Assert.Equal(1 + KnobSearch.StallLimit, runs);

        // Under it everywhere, saturating: the best is kept, flagged as outside the window.
        var flat = KnobSearch.Search(k => k < 10 ? (long)(100 * k) : 900L, p => p, 5000, 1, 1e-6, 1e9);
        Assert.Equal(900, flat.Result);
        Assert.False(flat.WithinTolerance);
        Assert.True(flat.Runs <= 3 + KnobSearch.StallLimit, $"{flat.Runs} runs");
    }

    [Fact]
    public void NarrowingAJumpStopsOnceNoRunShrinksTheBracketsTables()
    {
        // Label propagation near a jump (Beauty at 9,000 rows with 10 passes): just below the knob
        // the same table again and again, above it one over the budget. Bisection used to halve
        // the bracket to nine digits until the 30-run cap; now six runs that find neither a larger
        // table under the budget nor a smaller one over it end it, with the same answer.
        static long Jump(double k) => k < 12.316 ? (long)(45_000 * Math.Min(k, 12.0)) : 590_000L;
        int runs = 0;
        var r = KnobSearch.Search(k => { runs++; return Jump(k); }, p => p, 576_000, 1, 1e-6, 1e9);
        Assert.Equal(540_000, r.Result);
        Assert.False(r.WithinTolerance);
        Assert.InRange(r.Knob, 12.0, 12.316);
        Assert.Equal(runs, r.Runs);
        Assert.InRange(runs, 8, 14);
    }

    [Fact]
    public void NarrowingAGrowingCurveIsNeverCutShort()
    {
        // Every narrowing run on a curve that grows with the knob finds a larger table under the
        // budget or a smaller one over it, so a window narrower than a bisection step is still found.
        // An exponential curve defeats the log-log interpolation, so narrowing takes many runs.
        var r = KnobSearch.Search(k => (long)(10 * Math.Exp(k)), p => p, 1_000_000_000, 1, 1e-6, 1e9, tolerance: 1e-7);
        Assert.True(r.WithinTolerance, $"{r.Runs} runs, {r.Result}");
        Assert.True(r.Runs > 2 * KnobSearch.StallLimit, $"{r.Runs} runs: too few to show the stall limit does not cut it short");
    }

    [Fact]
    public void ACurveThatDipsBeforeItJumpsIsStillWalkedAcross()
    {
        // Gowalla at 0.25: four knobs each a little below the one before, then a jump into the window.
        long Curve(double k) => k < 100 ? (long)(8000 * Math.Pow(k, 0.5)) : k < 800 ? 80_000 - (long)(k / 10) : 99_500;
        var r = KnobSearch.Search(Curve, p => p, 100_000, 1, 1e-6, 1e9);
        Assert.Equal(99_500, r.Result);
        Assert.True(r.WithinTolerance);
    }
}
