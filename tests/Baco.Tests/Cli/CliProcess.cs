using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Baco.Tests.Cli;

/// <summary>
/// The real CLI as a separate process (Baco.Cli.dll sits in the test output folder), for what an
/// in-process run cannot show: SIGKILL at any point, and signals.
/// </summary>
internal sealed partial class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _lock = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    private CliProcess(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Baco.Cli.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.OutputDataReceived += (_, _) => { };
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Stderr
    {
        get
        {
            lock (_lock)
            {
                return _stderr.ToString();
            }
        }
    }

    public static CliProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, args);

    /// <summary>Runs to the end and returns the exit code.</summary>
    public static (int Code, string Stderr) Run(string workingDirectory, params string[] args)
    {
        using var p = Start(workingDirectory, args);
        return (p.WaitForExit(), p.Stderr);
    }

    /// <summary>Waits for the first stderr line (the CLI's first progress line: it has started working) or the exit.</summary>
    public void WaitUntilWorking() => Task.WaitAny([_firstLine.Task, _process.WaitForExitAsync()], TimeSpan.FromSeconds(60));

    /// <summary>Waits until stderr has a line containing <paramref name="text"/>; false if the process ended first.</summary>
    public bool WaitForLine(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_stderr.ToString().Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            _waits.Add((text, seen));
        }

        Task.WaitAny([seen.Task, _process.WaitForExitAsync()], TimeSpan.FromSeconds(60));
        return seen.Task.IsCompleted;
    }

    /// <summary>SIGKILL unless it already ended; true when it was killed.</summary>
    public bool KillAfter(TimeSpan delay)
    {
        if (_process.WaitForExit(delay))
        {
            return false;
        }

        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            return false; // it exited between the wait and the kill
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>Sends a POSIX signal (2 SIGINT, 15 SIGTERM).</summary>
    public void Signal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(TimeSpan.FromMinutes(2)), "the CLI did not finish in two minutes");
        _process.WaitForExit(); // flushes the asynchronous stderr reader
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    // The host running the tests (dotnet test sets DOTNET_HOST_PATH), else dotnet on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _stderr.AppendLine(line);
            foreach (var (text, seen) in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)))
            {
                seen.TrySetResult();
            }
        }

        _firstLine.TrySetResult();
    }
}
