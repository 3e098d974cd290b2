namespace Baco.IO;

/// <summary>
/// A path with every symbolic link on it followed, like realpath(3): two paths name the same
/// file exactly when their real paths are equal, so an input reached through a link is still
/// recognised as an input.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The real path; components that do not exist yet are kept as written.</summary>
    public static string Of(string path)
    {
        string full = Path.GetFullPath(path);
        string current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Components(full[current.Length..]).Reverse());
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string next = Path.Join(current, part);
            string? link = LinkTarget(next);
            if (link is null || ++links > MaxLinks)
            {
                current = next;
                continue;
            }

            if (Path.IsPathRooted(link))
            {
                current = Path.GetPathRoot(link)!;
                link = link[current.Length..];
            }

            foreach (string p in Components(link).Reverse())
            {
                pending.Push(p);
            }
        }

        return Path.TrimEndingDirectorySeparator(current);
    }

    /// <summary>Whether real path <paramref name="path"/> lies below real path <paramref name="dir"/> (not at it).</summary>
    public static bool IsInside(string path, string dir) => path.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Whether real path <paramref name="path"/> is real path <paramref name="dir"/> or lies below it.</summary>
    public static bool IsSameOrInside(string path, string dir) => path == dir || IsInside(path, dir);

    /// <summary>Whether <paramref name="path"/> itself (not a parent) is a symbolic link.</summary>
    public static bool IsLink(string path) => LinkTarget(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) is not null;

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Components(string path)
        => path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
