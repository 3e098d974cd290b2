using System.Diagnostics;
using Baco.Evaluation;

namespace Baco.Training;

/// <summary>
/// Builds <see cref="Trainer"/>'s progress reports: throughput over this call's training time, the
/// time to the epoch limit and the time to the epoch where early stopping would end the run.
/// </summary>
internal sealed class ProgressReporter(IProgress<TrainingProgress>? progress, TrainingOptions options, int examplesPerEpoch, int batchesPerEpoch)
{
    private readonly Stopwatch _clock = new();
    private long _examples;

    public void StartEpoch() => _clock.Start();

    public void EndEpoch() => _clock.Stop();

    public void Examples(int n) => _examples += n;

    /// <summary>A Batch, EpochEnd or Validation report; <paramref name="lastImprovement"/> is the epoch of the last better validation (0: none yet).</summary>
    public void Report(TrainingPhase phase, int epoch, int batch, double loss, RankingMetrics? validation, int bestEpoch, int lastImprovement)
    {
        if (progress is null)
        {
            return;
        }

        double rate = _examples / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
        double thisEpochLeft = examplesPerEpoch * (1.0 - ((double)batch / batchesPerEpoch));
        TimeSpan Until(int lastEpoch) => rate > 0
            ? TimeSpan.FromSeconds(Math.Min(((((double)lastEpoch - epoch) * examplesPerEpoch) + thisEpochLeft) / rate, TimeSpan.MaxValue.TotalSeconds / 2))
            : TimeSpan.Zero;

        int stopAt = EarlyStopEpoch(epoch, lastImprovement);
        progress.Report(new TrainingProgress(phase, epoch, batch, batchesPerEpoch, loss, rate, Until(options.Epochs), validation, bestEpoch)
        {
            EarlyStopEta = stopAt < options.Epochs ? Until(Math.Max(stopAt, epoch)) : null,
        });
    }

    /// <summary>A Resumed or Interrupted report (no throughput or times).</summary>
    public void Report(TrainingPhase phase, int epoch, string? checkpoint, int bestEpoch)
        => progress?.Report(new TrainingProgress(phase, epoch, 0, batchesPerEpoch, double.NaN, 0, TimeSpan.Zero, null, bestEpoch) { Checkpoint = checkpoint });

    /// <summary>The epoch at which patience runs out if validation does not improve again; int.MaxValue without validation.</summary>
    private int EarlyStopEpoch(int epoch, int lastImprovement)
    {
        int every = options.EvalEvery;
        if (every <= 0)
        {
            return int.MaxValue;
        }

        // Before the first validation the clock starts there: it always improves on "none".
        long last = lastImprovement == 0 && epoch <= every ? every : lastImprovement;

        // The stop comes at the first validation at least Patience epochs after the best one (TrainingRun.PatienceRanOut).
        long earliest = last + Math.Max(options.Patience, 1);
        long stop = (earliest + every - 1) / every * every;
        return (int)Math.Min(stop, int.MaxValue);
    }
}
