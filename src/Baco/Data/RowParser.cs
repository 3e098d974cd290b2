using System.Globalization;
using System.Text;
using Baco.IO;

namespace Baco.Data;

/// <summary>Turns one line into interactions, with the file's layout fixed.</summary>
internal sealed class RowParser(string path, FileLayout layout, double? minRating, IdSpace users, IdSpace items, KeyBuffer keys)
{
    private readonly int _need = Math.Max(
        Math.Max(layout.UserColumn, layout.ItemColumn),
        Math.Max(minRating is null ? -1 : layout.RatingColumn, (layout.Types?.Length ?? 0) - 1)) + 1;

    // Field count and line of the first data line, which every other line must match when the
    // layout was detected (-1 and 0 until that line is read). In a tab file a line's trailing
    // tabs, trimmed with the line, may be empty last fields or stray: its count is then a range,
    // and the file's count is the range every line so far allows (_columns to _columnsMost).
    private int _columns = -1, _columnsMost = -1;
    private long _columnsLine;

    private readonly SuspectIds _suspectUsers = new(path, "user"), _suspectItems = new(path, "item");

    /// <summary>Field count of the first edge-list row, 0 before it.</summary>
    public int FirstLineFields { get; private set; }

    /// <summary>
    /// Whether every edge-list row's user field so far was a plain integer (a row index always
    /// is); only watched where a row index can be read as users (no header, users in column 1),
    /// so a file with a header pays nothing for it on every line.
    /// </summary>
    public bool IntegerUsers { get; private set; } = !layout.HasHeader && layout.UserColumn == 0;

    /// <summary>Line number of the first edge-list row, 0 before it.</summary>
    public long FirstLine { get; private set; }

    /// <summary>Stored user value of the first edge-list row, -1 if it was not kept.</summary>
    public int FirstUser { get; private set; } = -1;

    /// <summary>Stored item value of the first edge-list row, -1 if it was not kept.</summary>
    public int FirstItem { get; private set; } = -1;

    // Ids read with the opening quote of a field that never closes ("abc,1): the quote becomes
    // part of the id, so "abc and abc are two entities; counted for one warning at the end.
    private long _unclosed, _unclosedLine;
    private string _unclosedText = "";

    /// <summary>
    /// Reads one edge-list line, trimmed; <paramref name="trailingTabs"/>: the tabs trimmed from
    /// its end in a tab file, each possibly an empty last field.
    /// </summary>
    public void Edge(ReadOnlySpan<byte> line, long number, int trailingTabs = 0)
    {
        var cursor = new FieldCursor(line, layout.Delimiter);
        ReadOnlySpan<byte> user = default, item = default, rating = default;
        bool userQuoted = false, itemQuoted = false;
        int n = 0;
        while (n < _need && cursor.Next(out var field))
        {
            if (n == layout.UserColumn)
            {
                user = field;
                userQuoted = cursor.WasQuoted;
            }
            else if (n == layout.ItemColumn)
            {
                item = field;
                itemQuoted = cursor.WasQuoted;
            }

            if (n == layout.RatingColumn)
            {
                rating = field;
            }

            if (layout.Types is { } types && n < types.Length)
            {
                CheckType(types[n], n, field, number);
            }

            n++;
        }

        bool first = FirstLine == 0;
        int total = layout.Detected || first ? n + cursor.CountRest() : -1;
        if (layout.Detected)
        {
            if (total != _columns || trailingTabs > 0 || _columnsMost != _columns)
            {
                CheckColumns(line, total, total + trailingTabs, number);
            }
        }

        if (n < _need)
        {
            // MovieLens 1M writes user::item::rating::time, a separator of two bytes.
            string dat = line.IndexOf("::"u8) >= 0
                ? $"; the fields are separated by '::' (MovieLens .dat): convert them first, e.g. {ConversionCommand.Redirect("sed 's/::/\\t/g'", path, ".tsv")}"
                : line.Contains((byte)'|')
                ? $"; '|' is not a separator read here: convert the file first, e.g. tr '|' '\\t' < {ConversionCommand.Quote(path)} > {ConversionCommand.Quote(ConversionCommand.CopyPath(path, ".tsv"))}"
                : "";
            throw new DataFormatException(path, number, $"missing column: the line has {Fields(n)}, {_need} are needed ({Needed()}){dat}");
        }

        IntegerUsers = IntegerUsers && AsciiNumbers.TryParseCanonical(user, out _);
        if (first && user.IsEmpty && !userQuoted && layout.UserColumn == 0 && !layout.HasHeader)
        {
            throw new DataFormatException(path, number, $"empty user id in column 1; a first line that starts with an empty field is usually the header pandas writes above a row index: {RowIndex.Remedy}");
        }
        if (first)
        {
            FirstLine = number;
            FirstLineFields = total;
        }

        if (minRating is { } min)
        {
            if (!double.TryParse(rating, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new DataFormatException(path, number, $"rating '{Text(rating)}' (column {layout.RatingColumn + 1}) is not a number");
            }

            if (value < min)
            {
                return;
            }
        }

        int u = Id(users, user, userQuoted, "user", number);
        int i = Id(items, item, itemQuoted, "item", number);
        keys.Add(u, i);
        if (first)
        {
            FirstUser = u;
            FirstItem = i;
        }
    }

    public void Adjacency(ReadOnlySpan<byte> line, long number)
    {
        var cursor = new FieldCursor(line, layout.Delimiter);
        if (!cursor.Next(out var userField))
        {
            return;
        }

        CheckInteger(userField, number);
        int user = Id(users, userField, false, "user", number);
        while (cursor.Next(out var field))
        {
            if (field.IsEmpty)
            {
                continue;
            }

            CheckInteger(field, number);
            keys.Add(user, Id(items, field, false, "item", number));
        }
    }

    private static string Fields(int n) => n == 1 ? "1 field" : $"{n} fields";

    // Called when a line's field count (least to most, with its trailing tabs as empty fields)
    // may differ from the expected one: records the first data line's, narrows the file's to
    // what both allow, and rejects a line that allows none of it.
    private void CheckColumns(ReadOnlySpan<byte> line, int least, int most, long number)
    {
        if (_columnsLine == 0)
        {
            (_columns, _columnsMost, _columnsLine) = (least, most, number);
            return;
        }

        int lo = Math.Max(_columns, least), hi = Math.Min(_columnsMost, most);
        if (lo <= hi)
        {
            (_columns, _columnsMost) = (lo, hi);
            return;
        }

        // The first data line is the odd one when this line has the header's count: blame it.
        if (layout.Header is { Length: var named } && named >= least && named <= most && (named < _columns || named > _columnsMost))
        {
            throw new DataFormatException(path, _columnsLine,
                $"{(_columns > named ? "extra" : "missing")} column: the line has {Fields(_columns > named ? _columns : _columnsMost)}, the header and line {number} have {named}; every line of an edge list has the same columns (a separator inside a field needs double quotes around the whole field)");
        }

        bool missing = most < _columns;
        int n = missing ? most : least;
        string reason = $"{(missing ? "missing" : "extra")} column: the line has {Fields(n)}, the first data line (line {_columnsLine}) has {(missing ? _columns : _columnsMost)}";
        byte foreign = ForeignSeparator(line);
        reason += line.Count((byte)'"') % 2 == 1
            ? "; it holds an unpaired double quote: a quoted field that runs over a line end (text with line breaks) is not read as one field; remove the line breaks inside quoted fields"
            : foreign != 0
            ? $"; it contains {(foreign == (byte)'\t' ? "a tab" : $"'{(char)foreign}'")} but fields are separated by {SeparatorName(layout.Delimiter)}"
            : missing
                ? "; every line of an edge list has the same columns (for LightGCN adjacency lists set the format to adjacency)"
                : "; every line of an edge list has the same columns (for LightGCN adjacency lists set the format to adjacency; to ignore extra columns set the format to edge list)";
        throw new DataFormatException(path, number, reason);
    }

    // Ids of a detected adjacency file were all integers in the sample; a later token that is
    // not one means the detection was wrong (say, an edge list with ';' lines).
    private void CheckInteger(ReadOnlySpan<byte> field, long number)
    {
        if (layout.Detected && !AdjacencyRule.IsDigits(field))
        {
            throw new DataFormatException(path, number,
                $"'{Text(field)}' is not an integer id, but the file was detected as LightGCN adjacency lists of integer ids (if it is an edge list, set the format to edge list)");
        }
    }

    private byte ForeignSeparator(ReadOnlySpan<byte> line)
    {
        foreach (byte c in "\t,;"u8)
        {
            if (c != layout.Delimiter && !(c == (byte)'\t' && layout.Delimiter == 0) && line.Contains(c))
            {
                return c;
            }
        }

        return 0;
    }

    private static string SeparatorName(byte delimiter) => delimiter switch
    {
        0 => "spaces",
        (byte)'\t' => "tabs",
        (byte)',' => "commas",
        (byte)';' => "semicolons",
        _ => $"'{(char)delimiter}'",
    };

    private static string Text(ReadOnlySpan<byte> field)
    {
        string s = Encoding.UTF8.GetString(field);
        return s.Length > 40 ? s[..40] + "..." : s;
    }

    private int Id(IdSpace space, ReadOnlySpan<byte> field, bool quoted, string what, long number)
    {
        if (field.IsEmpty)
        {
            throw new DataFormatException(path, number, $"empty {what} id");
        }

        // CSV writes a quote inside a quoted field as two ("a""b" is a"b); in an unquoted
        // field quotes are text as they stand.
        if (quoted && field.IndexOf("\"\""u8) >= 0)
        {
            field = Unescape(field);
        }

        (ReferenceEquals(space, users) ? _suspectUsers : _suspectItems).See(field, quoted, number);
        if (!space.TryAdd(field, out int id))
        {
            throw new DataFormatException(path, number, $"{what} id '{Text(field)}' is not a canonical non-negative integer (digits only, no leading zeros), and ids were set to be integers");
        }

        // A quoted field arrives unquoted, so a quote still in front of an unquoted field with no
        // other quote is one that never closed ("abc); "Weird Al" Yankovic closes its quote.
        if (!quoted && field[0] == (byte)'"' && field[1..].IndexOf((byte)'"') < 0 && _unclosed++ == 0)
        {
            _unclosedLine = number;
            _unclosedText = Text(field);
        }

        return id;
    }

    private byte[] _unescaped = [];

    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> field)
    {
        if (_unescaped.Length < field.Length)
        {
            _unescaped = new byte[field.Length];
        }

        int n = 0;
        for (int k = 0; k < field.Length; k++)
        {
            _unescaped[n++] = field[k];
            if (field[k] == (byte)'"' && k + 1 < field.Length && field[k + 1] == (byte)'"')
            {
                k++;
            }
        }

        return _unescaped.AsSpan(0, n);
    }

    /// <summary>The warning about ids that kept an unclosed opening quote, or null when none did.</summary>
    /// <summary>Warnings about ids that are probably missing values or floats (<see cref="SuspectIds"/>).</summary>
    public IEnumerable<string> SuspectIdWarnings() => _suspectUsers.Warnings().Concat(_suspectItems.Warnings());

    public string? UnclosedQuoteWarning()
        => _unclosed == 0 ? null
            : $"{path}:{_unclosedLine}: {_unclosed:N0} id{(_unclosed == 1 ? "" : "s")} open{(_unclosed == 1 ? "s" : "")} with a double quote that is never closed (e.g. '{_unclosedText}'); the quote was kept as part of the id, so it differs from the same id written without one";

    private void CheckType(ColumnType type, int column, ReadOnlySpan<byte> field, long number)
    {
        bool ok = type switch
        {
            ColumnType.Int => long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            ColumnType.Float => double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!ok)
        {
            throw new DataFormatException(path, number,
                $"'{Text(field)}' in column '{layout.Header![column]}' is not {(type == ColumnType.Int ? "an int" : "a float")} as the header declares");
        }
    }

    private string Needed()
    {
        var parts = new List<string>
        {
            $"user in column {layout.UserColumn + 1}",
            $"item in column {layout.ItemColumn + 1}",
        };
        if (minRating is not null)
        {
            parts.Add($"rating in column {layout.RatingColumn + 1}");
        }

        if (layout.Types is { Length: > 0 } types)
        {
            parts.Add($"the typed header declares {types.Length}");
        }

        return string.Join(", ", parts);
    }
}
