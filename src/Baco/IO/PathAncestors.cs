namespace Baco.IO;

/// <summary>The directories above a path, as a check before creating anything under them.</summary>
internal static class PathAncestors
{
    /// <summary>The nearest directory above <paramref name="fullPath"/> that is a file instead, or null: no directory can be made below it.</summary>
    public static string? FirstFile(string fullPath)
    {
        for (string? up = Path.GetDirectoryName(fullPath); up is not null; up = Path.GetDirectoryName(up))
        {
            if (File.Exists(up))
            {
                return up;
            }
        }

        return null;
    }
}
