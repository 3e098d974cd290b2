using Baco.Cli;

namespace Baco.Tests.Cli;

/// <summary>
/// stdout or stderr that cannot be written (closed, a full disk): before, a closed stderr aborted
/// the process (exit 134) and a closed or full stdout was reported as a bug (exit 1).
/// </summary>
[Trait("Category", "Fault")]
public sealed class StandardStreamTests
{
    /// <summary>A writer whose every write fails as a closed descriptor or a full disk does.</summary>
    private sealed class FailingWriter(Exception failure) : StringWriter
    {
        public override void Write(char value) => throw failure;

        public override void Write(string? value) => throw failure;

        public override void WriteLine(string? value) => throw failure;

        public override void Flush() => throw failure;
    }

    [Fact]
    public void AFullOrClosedStdoutIsOneLineAndExit2()
    {
        var errors = new StringWriter();
        var full = GuardedWriter.ForOutput(new FailingWriter(new IOException("No space left on device")));
        int code = CommandRunner.Run(() => { full.WriteLine("a table"); return 0; }, errors);
        Assert.Equal(2, code);
        Assert.Equal("baco: error: cannot write to standard output: no space left on device", errors.ToString().TrimEnd());

        errors = new StringWriter();
        var closed = GuardedWriter.ForOutput(new FailingWriter(new UnauthorizedAccessException("Access to the path is denied.")));
        Assert.Equal(2, CommandRunner.Run(() => { closed.Write("{"); return 0; }, errors));
        Assert.Contains("cannot write to standard output: it is closed or not writable", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AClosedStderrLosesTheMessageNotTheExitCode()
    {
        var closed = GuardedWriter.ForErrors(new FailingWriter(new IOException("Bad file descriptor")));
        Assert.Equal(2, CommandRunner.Run(() => throw new CliError("a bad option"), closed));
        Assert.Equal(0, CommandRunner.Run(() => { closed.WriteLine("progress"); return 0; }, closed));
    }

    [Fact]
    public void TheProcessStreamsAreGuarded()
    {
        var io = CliIO.FromProcess();
        Assert.IsType<GuardedWriter>(io.Out);
        Assert.IsType<GuardedWriter>(io.Error);
    }

    [Fact]
    public void WritesThatSucceedPassThrough()
    {
        var inner = new StringWriter();
        var guarded = GuardedWriter.ForOutput(inner);
        guarded.Write('a');
        guarded.Write("bc");
        guarded.WriteLine("d");
        guarded.Write(['e', 'f', 'g'], 1, 2);
        guarded.Flush();
        Assert.Equal("abcd" + Environment.NewLine + "fg", inner.ToString());
    }
}
