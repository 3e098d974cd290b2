namespace Baco.Training;

/// <summary>A training checkpoint cannot be used: unreadable, truncated, not a checkpoint, or written by a run with other settings or data.</summary>
public sealed class CheckpointException : BacoException
{
    /// <summary>Creates the exception for the checkpoint at <paramref name="path"/>.</summary>
    public CheckpointException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        Path = path;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }
}
