namespace Baco.Clustering.Budget;

/// <summary>Outcome of a knob search.</summary>
/// <typeparam name="T">The method's result type.</typeparam>
/// <param name="Knob">The chosen knob value.</param>
/// <param name="Result">The result at that knob (parameters at most the budget).</param>
/// <param name="Runs">How many times the method was run.</param>
/// <param name="WithinTolerance">Whether the result is within the tolerance below the budget.</param>
internal sealed record KnobSearchResult<T>(double Knob, T Result, int Runs, bool WithinTolerance);

/// <summary>
/// Finds the value of a method's knob (BACO's gamma, a resolution, a cluster count) whose result
/// has at most <c>budget</c> parameters and lands within a relative tolerance of it. The parameter
/// count is assumed to grow with the knob (more resolution, more rows); the search brackets the
/// budget by geometric steps sized by the curve's measured slope, then narrows in log space (or on
/// integers), giving up on a knob that has stopped acting. Deterministic: the sequence of knobs
/// tried depends only on the results, which depend only on the seed.
/// </summary>
internal static class KnobSearch
{
    /// <summary>
    /// Bracketing gives up after this many runs in a row that come no closer to the budget, and
    /// narrowing after this many that shrink neither side of the bracket's tables: the knob no
    /// longer acts (label propagation that has not settled in its passes keeps the same
    /// table at every small gamma, and saturates at large ones). Six, not fewer, so that a
    /// curve that dips before it jumps (Gowalla at 0.25: four gammas a little below the one
    /// before, then 35 % more parameters) is still walked across.
    /// </summary>
    internal const int StallLimit = 6;

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

        var search = new Bracket<T>(run, parameters, budget, integer, tolerance, isOver);
        search.Widen(initial, min, max, maxRuns);
        search.Narrow(maxRuns);
        if (search.Best is not { } best)
        {
            throw new BudgetUnreachableException(
                $"No knob value in [{min:G4}, {max:G4}] brings the table under the budget of {budget:N0} parameters.");
        }

        return new KnobSearchResult<T>(best.Knob, best.Result, search.Runs, search.Good);
    }

    /// <summary>The search's state: the largest knob under budget, the smallest over it, and the best result so far.</summary>
    private sealed class Bracket<T>(Func<double, T> run, Func<T, long> parameters, long budget, bool integer, double tolerance, Func<T, bool>? isOver)
    {
        private double _loKnob = double.NaN, _hiKnob = double.NaN;
        private long _loParams, _hiParams, _lastParams;
        private double _lastKnob = double.NaN, _previousKnob = double.NaN;
        private long _previousParams;
        private long _bestParams = -1;

        // How close (|log(parameters / aim)|) the nearest result so far came, and how many runs
        // since then came no closer.
        private double _closest = double.PositiveInfinity;
        private int _stalled;

        // Runs in a row that neither found a larger table under the budget nor a smaller one over
        // it: narrowing stops there. On a curve that grows with the knob every narrowing run does
        // one or the other; label propagation near a jump does not (Beauty, 10 passes: the search
        // bisected gamma 12.316 to nine digits for 17 runs, each table one of the same two).
        private long _fewestOver = long.MaxValue;
        private int _unproductive;

        // Aim a little inside the tolerance window so interpolated steps land in it.
        private readonly double _aim = budget * (1 - (tolerance / 2));


        public int Runs { get; private set; }

        public (double Knob, T Result)? Best { get; private set; }

        public bool Good => _bestParams >= (1 - tolerance) * budget;

        /// <summary>
        /// Brackets the budget from the initial guess. The first step assumes parameters
        /// proportional to the knob (at most 4x); later steps extrapolate the log-log slope of the
        /// last two runs (at most 16x), so a curve flatter than linear, as BACO's is at small
        /// gamma, is not walked up in 4x steps.
        /// </summary>
        public void Widen(double initial, double min, double max, int maxRuns)
        {
            double k = Round(initial);
            bool firstOver = Evaluate(k);
            while (Runs < maxRuns && !Good && _stalled < KnobSearch.StallLimit)
            {
                double factor = StepFactor(firstOver);
                if (firstOver)
                {
                    if (!double.IsNaN(_loKnob) || k <= min)
                    {
                        break;
                    }

                    double next = Round(Math.Max(min, k * factor));
                    k = integer && next >= k ? k - 1 : next;
                }
                else
                {
                    if (!double.IsNaN(_hiKnob) || k >= max)
                    {
                        break;
                    }

                    double next = Round(Math.Min(max, k * factor));
                    k = integer && next <= k ? k + 1 : next;
                }

                Evaluate(k);
            }
        }

        /// <summary>The factor from the last knob towards the aim: down (below 1) or up.</summary>
        private double StepFactor(bool down)
        {
            double ratio = _lastParams > 0 ? _aim / _lastParams : 4;
            double slope = 1;
            bool measured = false;
            if (_lastParams > 0 && _previousParams > 0 && _previousParams != _lastParams
                && !double.IsNaN(_previousKnob) && _previousKnob != _lastKnob)
            {
                slope = Math.Log((double)_lastParams / _previousParams) / Math.Log(_lastKnob / _previousKnob);
                measured = slope > 0;
                slope = measured ? Math.Clamp(slope, 0.25, 4) : 1;
            }

            double factor = Math.Pow(ratio, 1 / slope);
            double reach = measured ? 16 : 4;
            return down ? Math.Clamp(factor, 1 / reach, 0.9) : Math.Clamp(factor, 1.1, reach);
        }

        /// <summary>
        /// Between the largest knob under budget and the smallest over it: interpolates in log-log
        /// space (parameters are close to a power of the knob), alternating with plain bisection
        /// so the bracket at least halves every other run whatever the curve.
        /// </summary>
        public void Narrow(int maxRuns)
        {
            bool interpolate = true;
            while (Runs < maxRuns && !Good && !double.IsNaN(_loKnob) && !double.IsNaN(_hiKnob)
                && _unproductive < KnobSearch.StallLimit)
            {
                double t = 0.5;
                if (interpolate && _loParams > 0 && _hiParams > _loParams)
                {
                    t = Math.Clamp(Math.Log(_aim / _loParams) / Math.Log((double)_hiParams / _loParams), 0.1, 0.9);
                }

                interpolate = !interpolate;
                double mid;
                if (integer)
                {
                    if (_hiKnob - _loKnob <= 1)
                    {
                        break;
                    }

                    mid = Math.Clamp(Math.Round(_loKnob + (t * (_hiKnob - _loKnob))), _loKnob + 1, _hiKnob - 1);
                }
                else
                {
                    if (_hiKnob / _loKnob < 1 + 1e-9)
                    {
                        break;
                    }

                    mid = Math.Exp(Math.Log(_loKnob) + (t * Math.Log(_hiKnob / _loKnob)));
                }

                Evaluate(mid);
            }
        }

        private double Round(double x) => integer ? Math.Round(x) : x;

        /// <summary>Runs the method at <paramref name="knob"/>, updates the bracket and the best result; true when over budget.</summary>
        private bool Evaluate(double knob)
        {
            Runs++;
            T result = run(knob);
            long p = parameters(result);
            bool over = p > budget || (isOver?.Invoke(result) ?? false);
            double distance = Math.Abs(Math.Log(Math.Max(1, p) / _aim));
            (_closest, _stalled) = distance < _closest ? (distance, 0) : (_closest, _stalled + 1);
            (_previousKnob, _previousParams) = (_lastKnob, _lastParams);
            (_lastKnob, _lastParams) = (knob, p);
            bool productive = over ? p < _fewestOver : p > _bestParams;
            _unproductive = productive ? 0 : _unproductive + 1;
            if (over)
            {
                _fewestOver = Math.Min(_fewestOver, p);
                if (double.IsNaN(_hiKnob) || knob < _hiKnob)
                {
                    (_hiKnob, _hiParams) = (knob, p);
                }

                return true;
            }

            if (double.IsNaN(_loKnob) || knob > _loKnob)
            {
                (_loKnob, _loParams) = (knob, p);
            }

            if (p > _bestParams)
            {
                Best = (knob, result);
                _bestParams = p;
            }

            return false;
        }
    }
}
