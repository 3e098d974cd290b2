namespace Baco.Training;

/// <summary>
/// Training was cancelled. <see cref="BestSoFar"/> is the result of the best validated model of
/// the completed epochs (restored, test metrics computed), or null when no validation had
/// happened; a caller may keep it, but the run did not finish. A checkpointed run has written its
/// checkpoint first, so the same call resumes. Derives from <see cref="OperationCanceledException"/>,
/// so code that handles cancellation in general still does.
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public TrainingInterruptedException(int completedEpochs, TrainingResult? bestSoFar, CancellationToken token)
        : base($"training was cancelled after {completedEpochs} completed epochs", token)
    {
        CompletedEpochs = completedEpochs;
        BestSoFar = bestSoFar;
    }

    /// <summary>Epochs completed before the cancellation.</summary>
    public int CompletedEpochs { get; }

    /// <summary>The best validated model of the completed epochs, or null when nothing was validated.</summary>
    public TrainingResult? BestSoFar { get; }
}
