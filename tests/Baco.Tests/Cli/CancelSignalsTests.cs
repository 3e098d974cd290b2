using Baco.Cli;

namespace Baco.Tests.Cli;

/// <summary>
/// The point of no return of compress and assign (<see cref="CancelSignals.Commit"/>): a signal
/// before it cancels the run; one after it is left to the runtime (the process ends at once), so
/// the run never says "writing nothing" and then writes.
/// </summary>
[Trait("Category", "Fault")]
public sealed class CancelSignalsTests
{
    private static CliIO Io(StringWriter error) => new(new StringWriter(), error);

    [Fact]
    public void ASignalBeforeTheCommitCancels()
    {
        var error = new StringWriter();
        using var signals = CancelSignals.Listen(Io(error), "once the step in progress ends, writing nothing");
        Assert.True(signals.Request());
        Assert.True(signals.Token.IsCancellationRequested);
        Assert.Throws<OperationCanceledException>(signals.Commit);
        Assert.Contains("stopping once the step in progress ends, writing nothing", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FinishedWorkIsReleasedWhateverCameBefore()
    {
        // train and bench, their work done: a signal that came does not cost it, a later one ends the process.
        var error = new StringWriter();
        using var signals = CancelSignals.Listen(Io(error));
        Assert.True(signals.Request());
        signals.Release();
        Assert.False(signals.Request());

        using var quiet = CancelSignals.Listen(Io(new StringWriter()));
        quiet.Release();
        Assert.False(quiet.Request());
        Assert.False(quiet.Token.IsCancellationRequested);
    }

    [Fact]
    public void ASignalAfterTheCommitIsLeftToTheRuntime()
    {
        var error = new StringWriter();
        using var signals = CancelSignals.Listen(Io(error));
        signals.Commit();
        Assert.False(signals.Request());
        Assert.False(signals.Token.IsCancellationRequested);
        Assert.Empty(error.ToString());
    }
}
