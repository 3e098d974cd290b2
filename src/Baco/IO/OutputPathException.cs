namespace Baco.IO;

/// <summary>An output path cannot be written: not a directory, not writable, too long, or a directory Baco must not replace.</summary>
public sealed class OutputPathException : BacoException
{
    /// <summary>Creates the exception for the output <paramref name="path"/>.</summary>
    public OutputPathException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The output path as given.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; }
}
