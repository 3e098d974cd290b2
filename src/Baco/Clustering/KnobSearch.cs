namespace Baco.Clustering;

/// <summary>Outcome of a knob search.</summary>
/// <typeparam name="T">The method's result type.</typeparam>
/// <param name="Knob">The chosen knob value.</param>
/// <param name="Result">The result at that knob (parameters at most the budget).</param>
/// <param name="Runs">How many times the method was run.</param>
/// <param name="WithinTolerance">Whether the result is within the tolerance below the budget.</param>
public sealed record KnobSearchResult<T>(double Knob, T Result, int Runs, bool WithinTolerance);

/// <summary>
/// Finds the value of a method's knob (BACO's gamma, a resolution, a cluster count) whose result
/// has at most <c>budget</c> parameters and lands within a relative tolerance of it. The parameter
/// count is assumed to grow with the knob (more resolution, more rows); the search brackets the
/// budget by geometric steps, then bisects in log space (or on integers). Deterministic: the
/// sequence of knobs tried depends only on the results, which depend only on the seed.
/// </summary>
public static class KnobSearch
{
    /// <summary>Runs the search.</summary>
    /// <param name="run">Runs the method at a knob value.</param>
    /// <param name="parameters">Parameter count of a result.</param>
    /// <param name="budget">The budget in parameters.</param>
    /// <param name="initial">First knob to try (a good guess saves runs).</param>
    /// <param name="min">Smallest knob allowed.</param>
    /// <param name="max">Largest knob allowed.</param>
    /// <param name="integer">Whether the knob is an integer (e.g. number of clusters).</param>
    /// <param name="tolerance">Relative slack below the budget that is accepted.</param>
    /// <param name="maxRuns">Upper bound on method runs.</param>
    /// <param name="isOver">Optional extra test that a result is over budget (e.g. an early stop fired).</param>
    public static KnobSearchResult<T> Search<T>(
        Func<double, T> run,
        Func<T, long> parameters,
        long budget,
        double initial,
        double min,
        double max,
        bool integer = false,
        double tolerance = CompressionTarget.Tolerance,
        int maxRuns = 30,
        Func<T, bool>? isOver = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(min > 0 && min <= initial && initial <= max))
        {
            throw new ArgumentException($"Need 0 < min <= initial <= max, got min {min}, initial {initial}, max {max}.");
        }

        int runs = 0;
        double loKnob = double.NaN, hiKnob = double.NaN;
        long loParams = 0, hiParams = 0, lastParams = 0;
        T? best = default;
        long bestParams = -1;
        double bestKnob = double.NaN;

        bool Evaluate(double knob)
        {
            runs++;
            T result = run(knob);
            long p = parameters(result);
            bool over = p > budget || (isOver?.Invoke(result) ?? false);
            lastParams = p;
            if (over)
            {
                if (double.IsNaN(hiKnob) || knob < hiKnob)
                {
                    hiKnob = knob;
                    hiParams = p;
                }
            }
            else
            {
                if (double.IsNaN(loKnob) || knob > loKnob)
                {
                    loKnob = knob;
                    loParams = p;
                }

                if (p > bestParams)
                {
                    best = result;
                    bestParams = p;
                    bestKnob = knob;
                }
            }

            return over;
        }

        bool Good() => bestParams >= (1 - tolerance) * budget;
        double Round(double x) => integer ? Math.Round(x) : x;

        // Aim a little inside the tolerance window so interpolated steps land in it.
        double aim = budget * (1 - (tolerance / 2));

        // Bracket: steps of at most 4x from the initial guess, sized by assuming parameters
        // proportional to the knob (which saves runs when the guess is close).
        double k = Round(initial);
        bool firstOver = Evaluate(k);
        while (runs < maxRuns && !Good())
        {
            double ratio = lastParams > 0 ? aim / lastParams : 4;
            if (firstOver)
            {
                if (!double.IsNaN(loKnob) || k <= min)
                {
                    break;
                }

                double next = Round(Math.Max(min, k * Math.Clamp(ratio, 0.25, 0.9)));
                k = integer && next >= k ? k - 1 : next;
            }
            else
            {
                if (!double.IsNaN(hiKnob) || k >= max)
                {
                    break;
                }

                double next = Round(Math.Min(max, k * Math.Clamp(ratio, 1.1, 4)));
                k = integer && next <= k ? k + 1 : next;
            }

            Evaluate(k);
        }

        // Between the largest knob under budget and the smallest over it: interpolate in
        // log-log space (parameters are close to a power of the knob), alternating with plain
        // bisection so the bracket at least halves every other run whatever the curve.
        bool interpolate = true;
        while (runs < maxRuns && !Good() && !double.IsNaN(loKnob) && !double.IsNaN(hiKnob))
        {
            double t = 0.5;
            if (interpolate && loParams > 0 && hiParams > loParams)
            {
                t = Math.Clamp(Math.Log(aim / loParams) / Math.Log((double)hiParams / loParams), 0.1, 0.9);
            }

            interpolate = !interpolate;
            double mid;
            if (integer)
            {
                if (hiKnob - loKnob <= 1)
                {
                    break;
                }

                mid = Math.Clamp(Math.Round(loKnob + (t * (hiKnob - loKnob))), loKnob + 1, hiKnob - 1);
            }
            else
            {
                if (hiKnob / loKnob < 1 + 1e-9)
                {
                    break;
                }

                mid = Math.Exp(Math.Log(loKnob) + (t * Math.Log(hiKnob / loKnob)));
            }

            Evaluate(mid);
        }

        if (bestParams < 0)
        {
            throw new BudgetUnreachableException(
                $"No knob value in [{min:G4}, {max:G4}] brings the table under the budget of {budget:N0} parameters.");
        }

        return new KnobSearchResult<T>(bestKnob, best!, runs, Good());
    }
}
