using System.Globalization;
using System.Text;
using Baco.IO;

namespace Baco.Data;

/// <summary>
/// Decides a file's layout (delimiter, header, columns, edge list or adjacency) from its first
/// bytes, honouring whatever <see cref="ReadOptions"/> fixes, and rejects binary files and bad
/// text in the sample.
/// </summary>
internal static class LayoutSniffer
{
    /// <summary>How many leading bytes are checked for NUL bytes, the mark of a binary file.</summary>
    public const int BinaryCheckBytes = 8192;

    private const int MaxSampleLines = 200;

    /// <summary>
    /// The layout of a file from its first bytes. <paramref name="training"/>: the layout of the
    /// run's training file, null when this is it. Another file of the run keeps its format when
    /// the format is not set, and its columns when this file has no header and as many fields.
    /// </summary>
    public static FileLayout Detect(string path, ReadOnlySpan<byte> sample, bool wholeFile, ReadOptions options, FileLayout? training = null)
    {
        var runFormat = training?.Format;
        CheckBinary(path, sample);
        var (lines, sampleBytes, firstLine, firstIndented) = ContentLines(sample, wholeFile);
        CheckText(path, sample[..sampleBytes], wholeFile && sampleBytes == sample.Length);
        if (lines.Count == 0)
        {
            throw new DataFormatException(path, 0, wholeFile
                ? "the file is empty (no interaction lines, only blank or comment lines)"
                : "no interaction line in the first 1 MB (only blank or comment lines)");
        }

        RefuseOtherFormats(path, firstLine, lines[0]);
        byte delimiter = options.Delimiter is { } d ? DelimiterByte(d) : DelimiterGuess.Detect(lines);
        var fields = lines.ConvertAll(l => Fields(l, delimiter));
        // Only under header auto: with --header yes the names are read from the first column
        // (a header that leaves an extra last column unnamed), and adjacency lists have no header.
        bool adjacency = options.Format == InteractionFormat.Adjacency || (options.Format == InteractionFormat.Auto && runFormat == InteractionFormat.Adjacency);
        if (options.HasHeader is null && !adjacency && RowNumbersBelowHeader(lines, fields, delimiter, firstIndented) is { } numbers)
        {
            throw new DataFormatException(path, firstLine,
                $"the first line has {Fields(fields[0].Length)} and the lines below it {fields[1].Length}, the first a different integer on each line ({numbers}, ...): a row index written without a column name (pandas to_csv, R write.table)? If so, {RowIndex.Remedy}; if the first column holds the users and the header leaves a last column unnamed, give --header yes");
        }

        bool header = options.HasHeader ?? LooksLikeHeader(fields, options);

        // The mirror of the reader's warning about a header over data: column names read as an interaction.
        if (options.HasHeader == false && options.Warnings is { } said && LooksLikeHeader(fields, options))
        {
            said.Report($"{path}:{firstLine}: the first line ({string.Join(", ", fields[0])}) looks like column names, but it was read as an interaction since the header option is no; if it is a header, set the header option to yes");
        }
        string[]? names = header ? fields[0] : null;
        ColumnType[]? types = names is not null ? TypedHeader(names) : null;
        var data = header ? fields.GetRange(1, fields.Count - 1) : fields;

        var format = options.Format != InteractionFormat.Auto ? options.Format
            : runFormat is { } run ? run
            : !header && (delimiter is 0 or (byte)'\t') && AdjacencyRule.Holds(data) ? InteractionFormat.Adjacency
            : InteractionFormat.EdgeList;

        // Adjacency lists (LightGCN's files) have no header; a detected one means an edge list read
        // as adjacency, whose ratings or timestamps would become items.
        if (format == InteractionFormat.Adjacency && header && options.HasHeader is null)
        {
            throw new DataFormatException(path, firstLine, $"adjacency lists have no header, but this line ({string.Join(", ", names!)}) reads as one: the file looks like an edge list; read it as edges (--format edges or auto), or give --header no if the line is data");
        }

        // An explicit edge list reads two fields a line; on LightGCN adjacency lists that keeps one item of each user.
        if (options.Format == InteractionFormat.EdgeList && !header && (delimiter is 0 or (byte)'\t')
            && options.Warnings is { } warnings && AdjacencyRule.Holds(data))
        {
            warnings.Report($"{path}: the lines look like adjacency lists (integer fields in varying numbers, no user starting two lines), but the format is set to edge list, which reads the first two fields of each line only; if each line lists a user's items, set the format to adjacency");
        }

        int user = 0, item = 1, rating = -1;
        if (format == InteractionFormat.EdgeList)
        {
            // A side the header or an option names is placed first; the other takes its position
            // around it ("asin,reviewerName": items named first, so users are the second column).
            bool userNamed = options.UserColumn is not null || (names is not null && Array.Exists(names, ColumnNames.IsUser));
            bool itemNamed = options.ItemColumn is not null || (names is not null && Array.Exists(names, ColumnNames.IsItem));
            if (itemNamed && !userNamed)
            {
                item = Resolve(path, firstLine, options.ItemColumn, names, ColumnNames.IsItem, "item", -1);
                user = Resolve(path, firstLine, null, names, ColumnNames.IsUser, "user", item);
            }
            else
            {
                user = Resolve(path, firstLine, options.UserColumn, names, ColumnNames.IsUser, "user", -1);
                item = Resolve(path, firstLine, options.ItemColumn, names, ColumnNames.IsItem, "item", user);
            }
            if (user == item)
            {
                throw new DataFormatException(path, header ? firstLine : 0, $"user and item columns are the same column ({user + 1})");
            }

            if (names is not null)
            {
                CheckIdColumnNames(path, firstLine, names, (user, "user", options.UserColumn), (item, "item", options.ItemColumn));
                WarnOfAColumnTakenByPosition(path, firstLine, names, options, user, item);
                WarnOfAShortHeader(path, firstLine, names, data, options, user, item);
                WarnOfSeveralNamedColumns(path, firstLine, names, options, user, item);
            }

            rating = options.RatingColumn is not null || options.MinRating is not null || names is not null
                ? ResolveRating(path, firstLine, options, names)
                : -1;

            if (names is null && options.UserColumn is null && options.ItemColumn is null
                && training is { Header: { } trainingNames, Format: InteractionFormat.EdgeList }
                && (training.UserColumn, training.ItemColumn) != (user, item))
            {
                (user, item, rating) = TrainingColumns(path, firstLine, data[0].Length, trainingNames, training, options, (user, item, rating));
            }

            if (names is null && options.UserColumn is null && options.ItemColumn is null)
            {
                ColumnContent.RefuseTimes(path, firstLine, data, user, "user");
                ColumnContent.RefuseTimes(path, firstLine, data, item, "item");
                if ((ColumnContent.RatingLikeItems(path, firstLine, data, item) ?? ColumnContent.AmazonItemsFirst(path, firstLine, data, user, item)) is { } columnWarning)
                {
                    options.Warnings?.Report(columnWarning);
                }
            }
        }

        long edges = 0;
        foreach (var f in data)
        {
            edges += format == InteractionFormat.Adjacency ? Math.Max(1, f.Length - 1) : 1;
        }

        string? suspect = options.HasHeader is null && !header && format == InteractionFormat.EdgeList
            ? HeaderSuspicion.FromSample(data, user, item)
            : null;
        double bytesPerEdge = Math.Max(2.0, sampleBytes / (double)Math.Max(1, edges + (header ? 1 : 0)));
        return new FileLayout(format, delimiter, header, user, item, rating, names, types, bytesPerEdge)
        {
            Detected = options.Format == InteractionFormat.Auto,
            SuspectHeader = suspect,
        };
    }

    // A headerless validation or test file beside a training file whose header put the users or
    // the items elsewhere than columns 1 and 2: the same export without its first line when it has
    // the header's fields, read by that header (by position it would be read transposed, silently
    // with integer ids); otherwise read by position, with a warning.
    private static (int User, int Item, int Rating) TrainingColumns(string path, long line, int fields, string[] trainingNames, FileLayout training, ReadOptions options, (int User, int Item, int Rating) byPosition)
    {
        string placed = $"the training file's header ({string.Join(", ", trainingNames)}) puts the users in column {training.UserColumn + 1} and the items in column {training.ItemColumn + 1}";
        if (fields == trainingNames.Length)
        {
            options.Warnings?.Report($"{path}:{line}: no header; {placed}, and the lines have as many fields, so they are read in those columns; if the users are in column 1 and the items in column 2, give the file a header");
            return (training.UserColumn, training.ItemColumn, training.RatingColumn);
        }

        options.Warnings?.Report($"{path}:{line}: no header, so the users are read from column {byPosition.User + 1} and the items from column {byPosition.Item + 1}; {placed}: if they are elsewhere in this file, give it a header line naming its user and item columns (user_id, item_id)");
        return byPosition;
    }

    // Lines with more fields than the header names: the names are the first columns', which is
    // right for a leave-one-out file with an unnamed last column but shifts every name when an
    // unquoted field holds the separator ("Smith, John") or column 1 is an index.
    private static void WarnOfAShortHeader(string path, long line, string[] names, List<string[]> data, ReadOptions options, int user, int item)
    {
        if (options.HasHeader is null && data.Count > 0 && data.TrueForAll(f => f.Length > names.Length))
        {
            options.Warnings?.Report($"{path}:{line}: the header names {names.Length} columns and the lines below it have {data[0].Length} fields: the names are taken for the first {names.Length} columns, so the users are read from column {user + 1} and the items from column {item + 1}; if a field holds the separator, put it in double quotes, and if column 1 is a row index, remove it");
        }
    }

    private static void CheckBinary(string path, ReadOnlySpan<byte> sample)
    {
        if (sample[..Math.Min(sample.Length, BinaryCheckBytes)].Contains((byte)0))
        {
            throw new DataFormatException(path, 0, FileSignature.Describe(path, sample)
                ?? "binary file (or UTF-16 text): NUL bytes in the first 8 KB; expected UTF-8 text of interactions");
        }
    }

    // The sampled lines are checked here, before their layout is judged: a CR-only file would
    // otherwise be judged as one long line.
    private static void CheckText(string path, ReadOnlySpan<byte> text, bool final)
    {
        int bad = TextCheck.FindProblem(text, final, out string reason);
        if (bad >= 0)
        {
            throw FileSignature.Describe(path, text) is { } what
                ? new DataFormatException(path, 0, what)
                : new DataFormatException(path, 1 + text[..bad].Count((byte)'\n'), reason);
        }
    }

    private static (List<byte[]> Lines, int Bytes, long FirstLine, bool FirstIndented) ContentLines(ReadOnlySpan<byte> sample, bool wholeFile)
    {
        var lines = new List<byte[]>();
        int pos = 0;
        long number = 0, first = 0;
        bool indented = false;
        while (pos < sample.Length && lines.Count < MaxSampleLines)
        {
            int nl = sample[pos..].IndexOf((byte)'\n');
            ReadOnlySpan<byte> raw;
            if (nl < 0)
            {
                // A cut last line is only used when it is all there is.
                if (!wholeFile && lines.Count > 0)
                {
                    break;
                }

                raw = sample[pos..];
                pos = sample.Length;
            }
            else
            {
                raw = sample.Slice(pos, nl);
                pos += nl + 1;
            }

            number++;
            var line = LineSource.WithoutBom(FieldCursor.Trim(raw));
            if (!line.IsEmpty && line[0] != (byte)'#')
            {
                indented |= first == 0 && raw.Length > 0 && raw[0] is (byte)'\t' or (byte)' ';
                first = first == 0 ? number : first;
                lines.Add(line.ToArray());
            }
        }

        return (lines, pos, first, indented);
    }

    private static byte DelimiterByte(char c)
    {
        if (c > 127)
        {
            throw new ArgumentException($"Delimiter '{c}' is not an ASCII character.", nameof(c));
        }

        return c == ' ' ? (byte)0 : (byte)c;
    }

    private static string[] Fields(byte[] line, byte delimiter)
    {
        var list = new List<string>();
        var c = new FieldCursor(line, delimiter);
        while (c.Next(out var f))
        {
            list.Add(Encoding.UTF8.GetString(f));
        }

        return [.. list];
    }

    // JSON and Excel's separator hint would otherwise be read as text of one odd column.
    private static void RefuseOtherFormats(string path, long line, byte[] first)
    {
        // JSON lines ({"key": ...} a line), or a JSON document ("[" or "{" alone on the first
        // line, or an array of objects); ids in braces ({3F2504E0-...}) are not JSON.
        var span = first.AsSpan();
        bool lines = span.StartsWith("{\""u8) || span.SequenceEqual("{"u8);
        bool array = span.SequenceEqual("["u8) || span.StartsWith("[{\""u8) || span.StartsWith("[{ \""u8);
        if (lines || array)
        {
            string jq = array ? "jq -r '.[] | [.user_id, .item_id] | @tsv'" : "jq -r '[.user_id, .item_id] | @tsv'";
            throw new DataFormatException(path, line,
                $"the file looks like JSON, not lines of separated fields: convert it first, e.g. {ConversionCommand.Redirect(jq, path, ".tsv")} (with the file's own key names)");
        }

        // '%' starts the comments of Matrix Market and KONECT files; only '#' lines are skipped, so
        // they would be read as interactions (a Matrix Market size line as one too).
        if (span.StartsWith("%%MatrixMarket"u8))
        {
            throw new DataFormatException(path, line,
                $"a Matrix Market file: its '%' comment lines and its size line are not interactions; convert it first (rows as users, columns as items), e.g. {ConversionCommand.Redirect("awk '!/^%/ && n++'", path, ".tsv")}");
        }

        // KONECT's first line ("% bip unweighted", "%bip ..."); an id in URL encoding starts with
        // '%' and two hex digits. KONECT separates fields by spaces and tabs, mixed.
        if (span.StartsWith("%"u8) && !(span.Length >= 3 && Uri.IsHexDigit((char)span[1]) && Uri.IsHexDigit((char)span[2])))
        {
            throw new DataFormatException(path, line,
                $"the line starts with '%', which marks a comment in KONECT files, but only lines starting with '#' are skipped: remove those lines first, e.g. grep -v '^%' {ConversionCommand.Quote(path)} | tr -s ' \\t' '\\t' > {ConversionCommand.Quote(path + ".tsv")}");
        }

        // "sep=;" (a tab after '=' is trimmed with the line).
        if (first.Length <= 5 && span.StartsWith("sep="u8))
        {
            throw new DataFormatException(path, line, $"'{Encoding.UTF8.GetString(first)}' is Excel's separator hint, not data: delete that line (the separator is detected)");
        }
    }

    private static string Fields(int n) => n == 1 ? "1 field" : $"{n} fields";

    // A header line with one field fewer than the lines below, whose first fields number the
    // lines: the unnamed index of pandas with tabs or spaces (the leading separator is trimmed
    // with the line) or R's row names. Counting up from any start, or, where the index shows
    // itself (pandas' header starts with the separator, R quotes its row names), a different
    // integer on each line, as after a filter, a shuffle or a split; a shuffled sound file whose
    // last column is unnamed has neither. Read by the names, every column would be off by one.
    // pandas' comma files keep the empty name (",user_id,item_id") and are read by it; a first
    // line of integers may be data. Returns the first numbers, or null.
    private static string? RowNumbersBelowHeader(List<byte[]> lines, List<string[]> fields, byte delimiter, bool headerIndented)
    {
        bool quoted = fields.Count >= 3 && lines[1][0] == (byte)'"';
        if (fields.Count < 3 || fields[0].Length != fields[1].Length - 1 || Array.TrueForAll(fields[0], IsInt)
            || !(delimiter is 0 or (byte)'\t' || quoted))
        {
            return null;
        }

        var seen = new HashSet<long>();
        bool countsUp = true;
        long previous = 0;
        for (int k = 1; k < fields.Count; k++)
        {
            if (fields[k].Length != fields[1].Length
                || !long.TryParse(fields[k][0], NumberStyles.None, CultureInfo.InvariantCulture, out long n)
                || !seen.Add(n))
            {
                return null;
            }

            countsUp &= k == 1 || n == previous + 1;
            previous = n;
        }

        return countsUp || headerIndented || quoted ? string.Join(", ", fields.Skip(1).Take(3).Select(f => f[0])) : null;
    }

    private static bool IsInt(string s) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static bool LooksLikeHeader(List<string[]> lines, ReadOptions options)
    {
        var first = lines[0];
        if (TypedHeader(first) is not null)
        {
            return true;
        }

        bool Named(string? option) => option is not null && !IsInt(option)
            && Array.Exists(first, f => string.Equals(ColumnNames.BaseName(f), option, StringComparison.OrdinalIgnoreCase));
        if (Named(options.UserColumn) || Named(options.ItemColumn))
        {
            return true;
        }

        if (NamesIdColumns(first))
        {
            return true;
        }

        // Names above integers: "a,b" then "1,2" lines. Both names: a first line with one
        // integer id ("276725,034545104X", an ISBN) is data.
        return lines.Count >= 2 && first.Length >= 2 && !IsInt(first[0]) && !IsInt(first[1])
            && lines.Skip(1).All(l => l.Length >= 2 && IsInt(l[0]) && IsInt(l[1]));
    }

    /// <summary>
    /// Whether a line names id columns as a header does: a user name first or an item name second
    /// (or the two swapped), a user and an item name in any two columns ("event,user_id,item_id"),
    /// or an id's name anywhere ("customer_id", "asin").
    /// </summary>
    internal static bool NamesIdColumns(string[] first)
    {
        if (first.Length < 2)
        {
            return false;
        }

        if (ColumnNames.IsUser(first[0]) || ColumnNames.IsItem(first[1]) || (ColumnNames.IsItem(first[0]) && ColumnNames.IsUser(first[1])))
        {
            return true;
        }

        int user = Array.FindIndex(first, ColumnNames.IsUser);
        int item = Array.FindIndex(first, ColumnNames.IsItem);
        return (user >= 0 && item >= 0 && user != item) || Array.Exists(first, IsIdName);
    }

    private static bool IsIdName(string f)
        => (ColumnNames.IsUser(f) || ColumnNames.IsItem(f)) && ColumnNames.Normalize(f) is { } n && (n.EndsWith("id", StringComparison.Ordinal) || n is "asin" or "isbn");

    /// <summary>Column types when every header field is "name:type" with a known type, else null.</summary>
    private static ColumnType[]? TypedHeader(string[] header)
    {
        var types = new ColumnType[header.Length];
        for (int k = 0; k < header.Length; k++)
        {
            int colon = header[k].LastIndexOf(':');
            if (colon <= 0)
            {
                return null;
            }

            switch (header[k][(colon + 1)..].ToLowerInvariant())
            {
                case "token" or "token_seq" or "float_seq":
                    types[k] = ColumnType.Token;
                    break;
                case "float":
                    types[k] = ColumnType.Float;
                    break;
                case "int":
                    types[k] = ColumnType.Int;
                    break;
                default:
                    return null;
            }
        }

        return types;
    }

    private static int Resolve(string path, long headerLine, string? option, string[]? header, Func<string, bool> known, string what, int taken)
    {
        if (option is not null)
        {
            int byName = header is null ? -1
                : Array.FindIndex(header, h => string.Equals(ColumnNames.BaseName(h), option, StringComparison.OrdinalIgnoreCase));
            if (byName >= 0)
            {
                return byName;
            }

            if (int.TryParse(option, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                return index;
            }

            throw new DataFormatException(path, header is null ? 0 : headerLine, header is null
                ? $"{what} column '{option}' is a name but the file has no header line"
                : $"no {what} column named '{option}' in the header ({string.Join(", ", header)})");
        }

        if (header is not null)
        {
            // Of several columns with the side's names ("location" and "product_id"), the one
            // named as an id (WarnOfSeveralNamedColumns says which was taken).
            int found = -1;
            for (int k = 0; k < header.Length; k++)
            {
                if (k != taken && known(header[k]) && (found < 0 || (!IsIdName(header[found]) && IsIdName(header[k]))))
                {
                    found = k;
                }
            }

            if (found >= 0)
            {
                return found;
            }
        }

        // Users first, items second; items first when the users are named in the second column
        // ("movie_title,userId,rating"); a measure there is refused by name (CheckIdColumnNames).
        return taken < 0 || taken == 1 ? 0 : 1;
    }

    /// <summary>
    /// A header that names no column for a side leaves that side to its position (0 for users, 1 for
    /// items); refused when the header names that position as a rating, a time or a count, which
    /// would otherwise be read as ids ("timestamp,user_id", "user_id,rating").
    /// </summary>
    private static void CheckIdColumnNames(string path, long headerLine, string[] names, params (int Column, string What, string? Given)[] sides)
    {
        foreach (var (column, what, given) in sides)
        {
            if (given is null && column < names.Length && ColumnNames.IsNotAnId(names[column]))
            {
                throw new DataFormatException(path, headerLine,
                    $"the header ({string.Join(", ", names)}) names no {what} column, and column {column + 1}, where the {what} ids would be, is '{names[column]}'; name the {what} column in the header (for example {what}_id)");
            }
        }
    }

    // A header that names one id column leaves the other to its position: say which column that
    // is, since nothing else shows it ("title,customer_id,quantity" reads title as the items).
    private static void WarnOfAColumnTakenByPosition(string path, long headerLine, string[] names, ReadOptions options, int user, int item)
    {
        if (user >= names.Length || item >= names.Length)
        {
            return;
        }

        bool userNamed = options.UserColumn is not null || ColumnNames.IsUser(names[user]);
        bool itemNamed = options.ItemColumn is not null || ColumnNames.IsItem(names[item]);
        if (userNamed != itemNamed && options.Warnings is { } warnings)
        {
            var (what, column) = userNamed ? ("item", item) : ("user", user);
            // A header found by one plain name ("alice,book": items can be called book) may be data.
            string data = options.HasHeader is null ? "; if this line is an interaction, not a header, set the header option to no" : "";
            warnings.Report($"{path}:{headerLine}: the header ({string.Join(", ", names)}) names no {what} column, so column {column + 1} ('{names[column]}') is read as the {what}s; if they are in another column, name it {what}_id in the header{data}");
        }
    }

    // A header with two columns of one side's names ("user_id,location,product_id"): the one
    // taken is an id's name, the first otherwise; say so, since the other may be meant.
    private static void WarnOfSeveralNamedColumns(string path, long headerLine, string[] names, ReadOptions options, int user, int item)
    {
        foreach (var (what, column, given, known) in new[] { ("user", user, options.UserColumn, (Func<string, bool>)ColumnNames.IsUser), ("item", item, options.ItemColumn, ColumnNames.IsItem) })
        {
            int other = Enumerable.Range(0, names.Length).FirstOrDefault(k => k != user && k != item && known(names[k]), -1);
            if (given is null && other >= 0 && column < names.Length && options.Warnings is { } warnings)
            {
                warnings.Report($"{path}:{headerLine}: the header ({string.Join(", ", names)}) names two {what} columns; column {column + 1} ('{names[column]}') is read as the {what}s, not column {other + 1} ('{names[other]}'); if the {what}s are there, name that column {what}_id in the header");
            }
        }
    }

    private static int ResolveRating(string path, long headerLine, ReadOptions options, string[]? header)
    {
        if (options.RatingColumn is not null)
        {
            return Resolve(path, headerLine, options.RatingColumn, header, ColumnNames.IsRating, "rating", -1);
        }

        if (header is not null)
        {
            int found = Array.FindIndex(header, h => ColumnNames.IsRating(h));
            if (found >= 0 || options.MinRating is null)
            {
                return found;
            }

            throw new DataFormatException(path, headerLine, $"MinRating is set but the header has no rating column ({string.Join(", ", header)}); set RatingColumn");
        }

        return 2;
    }
}
