namespace Baco.Data;

/// <summary>
/// Watches the lines an edge list skips as comments ('#' first) for ones shaped like its data:
/// as many fields as a data line and no space after the '#' ("#ai,p1"), most likely ids that
/// begin with '#' (hashtags) rather than notes, so their loss is reported.
/// </summary>
internal sealed class CommentLines(byte delimiter)
{
    private readonly Dictionary<int, (long Count, long FirstLine, string Text)> _byFields = [];
    private int _dataFields = -1;

    /// <summary>A line skipped as a comment (trimmed, starting with '#').</summary>
    public void Skipped(ReadOnlySpan<byte> line, long number)
    {
        if (line.Length < 2 || line[1] is (byte)' ' or (byte)'\t' or (byte)'#' or (byte)'!')
        {
            return;
        }

        int fields = FieldCursor.Count(line, delimiter);
        _byFields[fields] = _byFields.TryGetValue(fields, out var seen)
            ? (seen.Count + 1, seen.FirstLine, seen.Text)
            : (1, number, System.Text.Encoding.UTF8.GetString(line[..Math.Min(line.Length, 60)]));
    }

    /// <summary>A data line: the first one sets the field count that data-shaped comments match.</summary>
    public void Data(ReadOnlySpan<byte> line)
    {
        if (_dataFields < 0)
        {
            _dataFields = FieldCursor.Count(line, delimiter);
        }
    }

    /// <summary>The warning for <paramref name="path"/>, or null when no skipped line had the data's shape.</summary>
    public string? Warning(string path)
    {
        if (_dataFields < 2 || !_byFields.TryGetValue(_dataFields, out var like))
        {
            return null;
        }

        return $"{path}:{like.FirstLine}: {like.Count:N0} line{(like.Count == 1 ? "" : "s")} starting with '#' (e.g. '{like.Text}') were skipped as comments, though they have the fields of a data line; if ids here begin with '#', quote them (\"#ai\")";
    }
}
