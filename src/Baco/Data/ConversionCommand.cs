using System.Buffers;

namespace Baco.Data;

/// <summary>
/// The shell command an error offers for making a file readable (decompress, re-encode, change
/// its separator), written so that running it as printed is safe: the paths are the ones the
/// user gave, quoted when they need it, and the converted copy never has the input's name.
/// </summary>
internal static class ConversionCommand
{
    private static readonly SearchValues<char> Plain = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./+-:,@%=");

    /// <summary>
    /// <paramref name="path"/> as one shell word: as it is when it holds only plain characters,
    /// else in single quotes; a name starting with '-' gets "./" so no tool reads it as an option.
    /// </summary>
    public static string Quote(string path)
    {
        if (path.StartsWith('-'))
        {
            path = "./" + path;
        }

        return path.Length > 0 && !path.AsSpan().ContainsAnyExcept(Plain)
            ? path
            : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// Where a converted copy of <paramref name="path"/> goes: beside it, with
    /// <paramref name="extension"/> (".tsv") in place of its own, or with
    /// ".converted" before it when that would be the input's own name.
    /// </summary>
    public static string CopyPath(string path, string extension)
    {
        string copy = Path.ChangeExtension(path, extension);
        return string.Equals(copy, path, StringComparison.OrdinalIgnoreCase)
            ? Path.ChangeExtension(path, ".converted" + extension)
            : copy;
    }

    /// <summary>"<paramref name="tool"/> 'in' > 'out'", with the copy at <see cref="CopyPath"/>.</summary>
    public static string Redirect(string tool, string path, string extension)
        => $"{tool} {Quote(path)} > {Quote(CopyPath(path, extension))}";
}
