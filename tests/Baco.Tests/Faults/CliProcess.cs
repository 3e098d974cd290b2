using System.Diagnostics;

namespace Baco.Tests.Faults;

/// <summary>Runs the built CLI as a separate process, for what an in-process run cannot do (another working directory).</summary>
internal static class CliProcess
{
    /// <summary>The CLI assembly beside the tests (the test project references it).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Baco.Cli.dll");

    public static (int Code, string Out, string Err) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"baco {string.Join(' ', args)} did not finish in 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
