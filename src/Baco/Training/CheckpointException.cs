namespace Baco.Training;

/// <summary>
/// A training checkpoint cannot be used: unreadable, truncated, not a checkpoint, written by a run
/// with other settings or data, or it could not be written. A write that fails during training
/// stops the run with this exception carrying the best validated model so far
/// (<see cref="BestSoFar"/>), so that a full disk does not cost what was learnt.
/// </summary>
public sealed class CheckpointException : BacoException
{
    /// <summary>Creates the exception for the checkpoint at <paramref name="path"/>.</summary>
    public CheckpointException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>Why it cannot be used, without the path.</summary>
    public string Reason { get; }

    /// <summary>
    /// For a write that failed during training: the best validated model of the completed epochs
    /// (restored, test metrics computed), or null when nothing was validated or the failure came
    /// before training.
    /// </summary>
    public TrainingResult? BestSoFar { get; init; }

    /// <summary>For a write that failed during training: the epochs completed before it; else null.</summary>
    public int? CompletedEpochs { get; init; }
}
