using System.Text;

namespace Baco.Cli;

/// <summary>
/// One of the process's streams, with its write failures decided in one place: stderr that is
/// closed or full cannot carry a message, so its failures are dropped (they aborted the process,
/// exit 134); stdout that is closed or full is the user's environment, not a bug, so it becomes one
/// line on stderr and exit 2 (<see cref="ForOutput"/>). A reader that closes a pipe early (`| head`)
/// is not a failure: .NET drops those writes itself.
/// </summary>
internal sealed class GuardedWriter(TextWriter inner, Func<Exception, Exception?> onFailure) : TextWriter
{
    /// <summary>stdout: a failed write ends the command with "cannot write to standard output".</summary>
    public static GuardedWriter ForOutput(TextWriter inner)
        => new(inner, e => new StandardOutputException($"cannot write to standard output: {Why(e)}", e));

    /// <summary>stderr: a failed write is dropped, there being nowhere left to say so.</summary>
    public static GuardedWriter ForErrors(TextWriter inner) => new(inner, _ => null);

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    // A closed descriptor reads as "Access to the path is denied", which names no path here.
    private static string Why(Exception e) => e is UnauthorizedAccessException
        ? "it is closed or not writable"
        : e.Message.TrimEnd('.').ToLowerInvariant();

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (onFailure(e) is { } failure)
            {
                throw failure;
            }
        }
    }
}

/// <summary>stdout cannot be written (closed, a full disk): the user's environment, exit 2 like a <see cref="CliError"/>.</summary>
internal sealed class StandardOutputException(string message, Exception inner) : Exception(message, inner);
