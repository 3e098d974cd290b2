namespace Baco.Cli;

/// <summary>Refuses to replace a directory that baco did not write: nothing the user gave is overwritten.</summary>
internal static class OutputGuard
{
    private static readonly string[] Markers = ["summary.json", "assignment.json", "metrics.json", "results.json"];

    public static void EnsureReplaceable(string dir)
    {
        if (File.Exists(dir))
        {
            throw new CliError($"'--out': {dir} is a file; give a directory path.");
        }

        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any() && !Markers.Any(m => File.Exists(Path.Combine(dir, m))))
        {
            throw new CliError($"'--out': {dir} exists and is not a baco output directory; refusing to replace it. Choose another --out.");
        }
    }
}
