using System.Runtime.InteropServices;

namespace Baco.Cli;

/// <summary>
/// Ctrl+C and SIGTERM as a cancellation token, for commands that can stop cleanly (train and
/// bench write their checkpoint and exit 130; compress and assign finish the step in progress and
/// write nothing). The first signal asks the run to stop at its next safe point; a second Ctrl+C
/// or SIGTERM, and any signal once the output is being written (<see cref="Commit"/>,
/// <see cref="Release"/>), is left to the runtime, which ends the process at once with 130 or
/// 143: atomic output writing leaves the earlier output or the new one, never half of one, and
/// the next run into the same output removes the work directory.
/// </summary>
internal sealed class CancelSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _error;
    private readonly string _stopsWhen;
    private readonly PosixSignalRegistration? _sigterm;
    private int _requested;

    private CancelSignals(TextWriter error, string stopsWhen)
    {
        _error = error;
        _stopsWhen = stopsWhen;
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSigterm);
        }
        catch (PlatformNotSupportedException)
        {
            // No SIGTERM on this platform: Ctrl+C still works.
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Starts listening until disposed; <paramref name="stopsWhen"/> tells the user, at the first signal, when the run will stop.</summary>
    public static CancelSignals Listen(CliIO io, string stopsWhen = "at the next safe point (the end of the epoch when checkpointing)") => new(io.Error, stopsWhen);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => e.Cancel = Request();

    private void OnSigterm(PosixSignalContext context) => context.Cancel = Request();

    /// <summary>
    /// The point of no return before writing: throws <see cref="OperationCanceledException"/> if a
    /// signal came, else stops handling signals, so that one arriving while the output is written
    /// ends the process at once (the atomic write leaves the earlier output or the new one) instead
    /// of promising to write nothing.
    /// </summary>
    public void Commit()
    {
        if (Interlocked.Exchange(ref _requested, 1) != 0)
        {
            throw new OperationCanceledException(_source.Token);
        }
    }

    /// <summary>
    /// For work that has finished (a trained model, a comparison) and is about to be written: from
    /// here a signal ends the process at once, as after <see cref="Commit"/>, but one that already
    /// came does not cost the finished work.
    /// </summary>
    public void Release() => Interlocked.Exchange(ref _requested, 1);

    /// <summary>True for the first request (handled here), false for later ones (default handling: terminate).</summary>
    internal bool Request()
    {
        if (Interlocked.Exchange(ref _requested, 1) != 0)
        {
            return false;
        }

        _error.WriteLine($"baco: stopping {_stopsWhen}; press Ctrl+C again to stop at once");
        _source.Cancel();
        return true;
    }
}
