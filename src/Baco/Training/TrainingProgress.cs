using Baco.Evaluation;

namespace Baco.Training;

/// <summary>What a progress report is about.</summary>
public enum TrainingPhase
{
    /// <summary>Periodic report inside an epoch.</summary>
    Batch,

    /// <summary>An epoch finished.</summary>
    EpochEnd,

    /// <summary>A validation pass finished (<see cref="TrainingProgress.Validation"/> is set).</summary>
    Validation,

    /// <summary>
    /// Training continues from <see cref="TrainingProgress.Checkpoint"/>, whose last completed epoch
    /// is <see cref="TrainingProgress.Epoch"/>. Reported once, before the first epoch of this call.
    /// </summary>
    Resumed,

    /// <summary>
    /// Cancellation stopped the run after <see cref="TrainingProgress.Epoch"/> completed epochs.
    /// With a checkpoint path, <see cref="TrainingProgress.Checkpoint"/> holds them and the same
    /// call resumes; without, <see cref="TrainingProgress.Checkpoint"/> is null and the
    /// epoch in progress was abandoned. The call then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Interrupted,
}

/// <summary>A progress report of <see cref="Trainer.Train(Data.Dataset, Codebooks.CodebookAssignment, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>.</summary>
/// <param name="Phase">What happened.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">Steps done in this epoch.</param>
/// <param name="BatchesPerEpoch">Steps per epoch.</param>
/// <param name="Loss">Mean loss (BPR + L2) of this epoch's steps so far.</param>
/// <param name="ExamplesPerSecond">Training throughput of this run so far.</param>
/// <param name="Eta">Estimated time to the maximum epoch count: an upper bound when early stopping is on (see <see cref="EarlyStopEta"/>).</param>
/// <param name="Validation">Validation metrics (Validation phase only).</param>
/// <param name="BestEpoch">Best validation epoch so far (0 if none).</param>
public sealed record TrainingProgress(TrainingPhase Phase, int Epoch, int Batch, int BatchesPerEpoch, double Loss, double ExamplesPerSecond, TimeSpan Eta, RankingMetrics? Validation, int BestEpoch)
{
    /// <summary>
    /// Estimated time until early stopping ends the run if validation does not improve again
    /// (patience epochs after the last improvement, or after the first validation); null without
    /// validation or when it is no sooner than <see cref="Eta"/>.
    /// </summary>
    public TimeSpan? EarlyStopEta { get; init; }

    /// <summary>The checkpoint file of a Resumed or Interrupted report.</summary>
    public string? Checkpoint { get; init; }
}
