namespace Baco.Cli;

/// <summary>Progress lines go to stderr so stdout stays clean for tables and JSON.</summary>
internal sealed class StderrProgress(TextWriter error) : IProgress<string>
{
    private readonly DateTime _start = DateTime.UtcNow;

    public void Report(string value) => error.WriteLine($"[{(DateTime.UtcNow - _start).TotalSeconds,7:F2}s] {value}");
}
