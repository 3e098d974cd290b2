namespace Baco.Training;

/// <summary>One epoch of the training history.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Loss">Mean step loss (BPR + L2).</param>
/// <param name="ValidationRecall">Validation Recall@EarlyStopK after this epoch, or NaN when not validated.</param>
public sealed record EpochSummary(int Epoch, double Loss, double ValidationRecall);
