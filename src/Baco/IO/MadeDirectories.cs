namespace Baco.IO;

/// <summary>
/// The directories on the way to a path that do not exist yet, so that a run which creates them
/// and then fails or is refused can remove exactly those again and leave nothing behind.
/// </summary>
internal static class MadeDirectories
{
    /// <summary>The missing ancestors of <paramref name="path"/>, deepest first.</summary>
    public static List<string> MissingAbove(string path)
    {
        var missing = new List<string>();
        for (string? up = Path.GetDirectoryName(path); up is not null && !Directory.Exists(up); up = Path.GetDirectoryName(up))
        {
            missing.Add(up);
        }

        return missing;
    }

    /// <summary>Removes the listed directories, deepest first, where they are still empty.</summary>
    public static void RemoveEmpty(List<string> directories)
    {
        foreach (string dir in directories)
        {
            try
            {
                Directory.Delete(dir, recursive: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not empty, or not ours to remove: leave it.
            }
        }
    }
}
