namespace Baco.Training;

/// <summary>
/// The loss or a parameter became infinite or NaN: the learning rate or regularisation is too
/// large for this data. Training stops at the first such step. <see cref="BestSoFar"/> is the
/// result of the best validated model before that point (restored, test metrics computed), or
/// null when no validation had happened; a caller may keep it, but the run did not finish.
/// </summary>
public sealed class TrainingDivergedException : BacoException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(string message, int epoch, TrainingResult? bestSoFar)
        : base(message)
    {
        Epoch = epoch;
        BestSoFar = bestSoFar;
    }

    /// <summary>The 1-based epoch in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The best validated model before the divergence, or null when nothing was validated.</summary>
    public TrainingResult? BestSoFar { get; }
}
