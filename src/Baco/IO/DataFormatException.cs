namespace Baco.IO;

/// <summary>
/// A file that cannot be read: interactions, or the files of a stored assignment or model. Carries
/// the file, the 1-based line (0 when the problem is the file as a whole) and the reason, and
/// formats them as "file:line: reason".
/// </summary>
public sealed class DataFormatException : BacoException
{
    /// <summary>Creates the exception.</summary>
    public DataFormatException(string file, long line, string reason)
        : base(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>Path of the offending file as the user gave it.</summary>
    public string File { get; }

    /// <summary>1-based line number, or 0 for a problem with the whole file.</summary>
    public long Line { get; }

    /// <summary>What is wrong, in a sentence.</summary>
    public string Reason { get; }
}
