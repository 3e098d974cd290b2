using System.Diagnostics;
using Baco.Graph;

namespace Baco.Clustering.Budget;

/// <summary>
/// The budget logic shared by the baselines: a knob target runs once at the given value; a
/// fraction or rows target searches the knob with <see cref="KnobSearch"/>.
/// </summary>
internal static class BudgetedRun
{
    /// <summary>Runs a method against a target.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="target">The target.</param>
    /// <param name="context">Dimension, seed, progress.</param>
    /// <param name="run">The method at one knob value.</param>
    /// <param name="initial">Knob guess from the budget in parameters.</param>
    /// <param name="min">Smallest knob.</param>
    /// <param name="max">Largest knob.</param>
    /// <param name="integer">Whether the knob is an integer.</param>
    public static CompressionResult Execute(
        BipartiteGraph graph,
        CompressionTarget target,
        CompressionContext context,
        Func<double, KnobRun> run,
        Func<long, double> initial,
        double min,
        double max,
        bool integer)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        long? budget = target.BudgetParameters(graph.UserCount, graph.ItemCount, context.Dim);
        KnobRun outcome;
        double knob;
        int? searchRuns = null;
        bool? withinTolerance = null;
        if (budget is null)
        {
            knob = CheckKnob(target.Value, min, max, integer);
            outcome = run(knob);
        }
        else
        {
            double guess = Math.Clamp(initial(budget.Value), min, max);
            if (integer)
            {
                // Rounding down keeps a guess computed exactly from the budget under it.
                guess = Math.Max(min, Math.Floor(guess));
            }

            var found = KnobSearch.Search(
                k =>
                {
                    var o = run(k);
                    context.Progress?.Report($"{o.Assignment.Method}: knob {k:G6} -> {o.Assignment.TotalRows:N0} rows, {o.Assignment.Parameters(context.Dim):N0} params (budget {budget.Value:N0})");
                    return o;
                },
                o => o.Assignment.Parameters(context.Dim),
                budget.Value,
                guess,
                min,
                max,
                integer);
            knob = found.Knob;
            outcome = found.Result;
            searchRuns = found.Runs;
            withinTolerance = found.WithinTolerance;
        }

        var stats = outcome.Stats with
        {
            SearchRuns = searchRuns ?? outcome.Stats.SearchRuns,
            WithinTolerance = withinTolerance ?? outcome.Stats.WithinTolerance,
            Rows = outcome.Assignment.TotalRows,
            UserRows = outcome.Assignment.Users.RowCount,
            ItemRows = outcome.Assignment.Items.RowCount,
        };
        return new CompressionResult(outcome.Assignment, knob, clock.Elapsed.TotalSeconds, stats);
    }

    // A knob given as is must be one the method can use: cutting it to the range silently would run another table than asked.
    private static double CheckKnob(double knob, double min, double max, bool integer)
    {
        if (integer && knob != Math.Floor(knob))
        {
            throw new InvalidSettingException("Knob", $"{knob} must be a whole number for this method (its knob counts rows or clusters)");
        }

        if (knob < min || knob > max)
        {
            throw new InvalidSettingException("Knob", $"{knob} is outside this method's range, {min:G6} to {max:G6} on this graph");
        }

        return knob;
    }
}
