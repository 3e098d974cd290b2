namespace Baco.Data;

/// <summary>
/// Watches whether a column counts the data lines (0, 1, 2, ... or 1, 2, 3, ...): the row index
/// that pandas and R write as the first column, which a file without a header cannot name. Read
/// as users, such a column makes every line a user of its own.
/// </summary>
internal sealed class LineNumbering
{
    // Fewer lines say nothing: a handful of numbered users is a plausible toy file.
    private const int MinLines = 5;

    private long _first = -1, _lines;
    private bool _counting = true;

    /// <summary>Whether every line seen so far, at least <see cref="MinLines"/> of them, held the next number.</summary>
    public bool Holds => _counting && _lines >= MinLines;

    /// <summary>The first three numbers, for a message.</summary>
    public string Example => $"{_first}, {_first + 1}, {_first + 2}";

    /// <summary>Takes the next data line's field.</summary>
    public void See(ReadOnlySpan<byte> field)
    {
        if (!_counting)
        {
            return;
        }

        if (!AsciiNumbers.TryParseCanonical(field, out int value) || (_lines == 0 ? value > 1 : value != _first + _lines))
        {
            _counting = false;
            return;
        }

        _first = _lines == 0 ? value : _first;
        _lines++;
    }

    /// <summary>Stops watching (the column is not the one that could be an index).</summary>
    public void Stop() => _counting = false;
}
