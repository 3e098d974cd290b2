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
}

/// <summary>A progress report of <see cref="Trainer.Train"/>.</summary>
/// <param name="Phase">What happened.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">Steps done in this epoch.</param>
/// <param name="BatchesPerEpoch">Steps per epoch.</param>
/// <param name="Loss">Mean loss (BPR + L2) of this epoch's steps so far.</param>
/// <param name="ExamplesPerSecond">Training throughput of this run so far.</param>
/// <param name="Eta">Estimated time to the maximum epoch count (early stopping may end sooner).</param>
/// <param name="Validation">Validation metrics (Validation phase only).</param>
/// <param name="BestEpoch">Best validation epoch so far (0 if none).</param>
public sealed record TrainingProgress(TrainingPhase Phase, int Epoch, int Batch, int BatchesPerEpoch, double Loss, double ExamplesPerSecond, TimeSpan Eta, RankingMetrics? Validation, int BestEpoch);
