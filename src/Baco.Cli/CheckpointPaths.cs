namespace Baco.Cli;

/// <summary>Checks a --checkpoint path before any work: a file that can be created (or read, to resume) where it is named.</summary>
internal static class CheckpointPaths
{
    public static void Check(string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliError($"'{option}': {path} is a directory; give a file path for the checkpoint.");
        }

        string probe = $"{full}.probe-{Environment.ProcessId}";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is UnauthorizedAccessException ? "permission denied" : e.Message.Split(" : '")[0].TrimEnd('.');
            throw new CliError($"'{option}': {path} cannot be written ({reason}).");
        }
    }
}
