using System.Globalization;
using Baco.IO;

namespace Baco.Data;

/// <summary>
/// Reads interaction files (TSV, CSV, whitespace-separated edge lists with optional header, or
/// LightGCN adjacency lists) into a <see cref="Dataset"/> with one id space across train,
/// validation and test. Streams bytes through a reused buffer and keeps 8 bytes an edge.
/// </summary>
public static class InteractionReader
{
    // Layout is decided from up to this much of the file's start (long adjacency lines included).
    private const int SampleBytes = 1 << 20;

    /// <summary>
    /// Reads train and, optionally, validation and test files against one id space: an id that
    /// appears only in validation or test still gets a dense id (with no training edge).
    /// Duplicate pairs are merged. Throws <see cref="DataFormatException"/> on malformed input.
    /// </summary>
    public static Dataset Read(string trainPath, string? validationPath = null, string? testPath = null, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trainPath);
        options ??= new ReadOptions();
        var buffers = new List<KeyBuffer>();
        var users = new IdSpace(options.UserIds, buffers, high: true, options.KnownUsers);
        var items = new IdSpace(options.ItemIds, buffers, high: false, options.KnownItems);
        string?[] paths = [trainPath, validationPath, testPath];
        var perFile = new KeyBuffer?[paths.Length];

        // The training file's layout decides the others': a test file of one item a line would
        // otherwise be taken for an edge list beside adjacency lists, its extra items for a rating.
        FileLayout? training = null;
        for (int f = 0; f < paths.Length; f++)
        {
            if (paths[f] is { } path)
            {
                (perFile[f], var layout) = ReadFile(path, options, training, users, items, buffers);
                training ??= layout;
            }
        }

        var userMap = users.Finish();
        var itemMap = items.Finish();
        var lists = new InteractionList?[paths.Length];
        for (int f = 0; f < paths.Length; f++)
        {
            lists[f] = perFile[f]?.ToInteractionList();
            perFile[f] = null;
        }

        return new Dataset(userMap, itemMap, lists[0]!, lists[1], lists[2]);
    }

    /// <summary>Reads one file; <paramref name="training"/>: the training file's layout, null when this is it.</summary>
    private static (KeyBuffer Keys, FileLayout Layout) ReadFile(string path, ReadOptions options, FileLayout? training, IdSpace users, IdSpace items, List<KeyBuffer> buffers)
    {
        using var source = new LineSource(Open(path), path);
        var sample = source.Prefetch(SampleBytes);
        var layout = LayoutSniffer.Detect(path, sample, source.AtEndOfFile, options, training);
        // Sized once from probes over the file (+3 %); growth extrapolates from progress if short.
        long length = Math.Max(1, new FileInfo(path).Length);
        long estimate = source.AtEndOfFile
            ? (long)(length / layout.BytesPerEdge)
            : EdgeCountEstimator.Estimate(path, length, layout);
        var keys = new KeyBuffer((long)(estimate * 1.03) + 64)
        {
            Progress = () => source.BytesConsumed / (double)length,
        };
        buffers.Add(keys);

        var parser = new RowParser(path, layout, options.MinRating, users, items, keys);
        bool headerPending = layout.HasHeader;
        byte[]? header = null;
        long rows = 0, repeatedHeaders = 0, firstRepeat = 0, marked = 0, firstMarked = 0;
        var comments = layout.Format == InteractionFormat.EdgeList ? new CommentLines(layout.Delimiter) : null;
        while (source.TryReadLine(out var raw))
        {
            var line = FieldCursor.Trim(raw);
            if (LineSource.StartsWithBom(line))
            {
                firstMarked = marked++ == 0 ? source.LineNumber : firstMarked;
                line = LineSource.WithoutBom(line);
            }

            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == (byte)'#')
            {
                comments?.Skipped(line, source.LineNumber);
                continue;
            }

            if (headerPending)
            {
                headerPending = false;
                header = line.ToArray();
                WarnIfHeaderLooksLikeData(path, source.LineNumber, layout, options, training is null ? null : training.Header ?? []);
                continue;
            }

            // Files joined with `cat` repeat their header: a copy of it is not an interaction.
            if (header is not null && (line.SequenceEqual(header)
                || ((line[0] == (byte)'"' || header[0] == (byte)'"') && SameFields(line, header, layout.Delimiter))))
            {
                firstRepeat = repeatedHeaders++ == 0 ? source.LineNumber : firstRepeat;
                continue;
            }

            rows++;
            if (layout.Format == InteractionFormat.Adjacency)
            {
                parser.Adjacency(line, source.LineNumber);
            }
            else
            {
                comments?.Data(line);
                parser.Edge(line, source.LineNumber, layout.Delimiter == (byte)'\t' && raw.Length > line.Length ? TrailingTabs(raw) : 0);
            }
        }

        if (comments?.Warning(path) is { } commentWarning)
        {
            options.Warnings?.Report(commentWarning);
        }

        foreach (string suspect in parser.SuspectIdWarnings())
        {
            options.Warnings?.Report(suspect);
        }

        if (parser.UnclosedQuoteWarning() is { } quoteWarning)
        {
            options.Warnings?.Report(quoteWarning);
        }

        if (rows == 0)
        {
            throw new DataFormatException(path, 0, layout.HasHeader
                ? "the file has a header line but no interactions"
                : "the file is empty (no interaction lines)");
        }

        // A different user on every line of a headerless training file of three or more columns:
        // a row index (counting up, or shuffled by a split) read as users. A leave-one-out test
        // file (one line a user) looks the same and is sound, so only the training file is refused.
        if (training is null && parser.IntegerUsers && RowIndex.ReadAsUsers(layout, parser.FirstLineFields, keys.Keys))
        {
            string adjacency = layout.Delimiter is 0 or (byte)'\t' ? "; if each line lists a user's items (LightGCN), set the format to adjacency" : "";
            throw new DataFormatException(path, parser.FirstLine,
                $"column 1 holds a different integer on each of the {keys.Count:N0} lines, so every user would have one interaction and nothing could be learnt: a row index written without column names (pandas to_csv(..., header=False), R write.table(..., col.names=FALSE))? If so, {RowIndex.Remedy}; if every user really has one line, give the file a header line naming its columns (user_id, item_id, ...){adjacency}");
        }

        // Every line filtered out by the rating threshold would leave an empty data set, refused only much later.
        if (options.MinRating is double min && keys.Count == 0)
        {
            throw new DataFormatException(path, 0, string.Create(CultureInfo.InvariantCulture, $"no line has a rating of at least {min} ({rows:N0} interaction lines, all below it); lower the minimum rating or check the rating column"));
        }

        if (marked > 0)
        {
            options.Warnings?.Report($"{path}:{firstMarked}: {(marked == 1 ? "a line starts" : $"{marked:N0} lines start")} with a byte order mark (U+FEFF), as files saved by Excel and joined one after another do; the mark was removed, not read as part of an id");
        }

        if (repeatedHeaders > 0)
        {
            options.Warnings?.Report($"{path}:{firstRepeat}: the header line appears again ({repeatedHeaders:N0} time{(repeatedHeaders == 1 ? "" : "s")}, as in files joined one after another); the copies were skipped, not read as interactions");
        }

        if (layout.SuspectHeader is { } values && options.Warnings is { } warnings && parser.FirstUser >= 0
            && HeaderSuspicion.OnlyOnce(keys.Keys, parser.FirstUser, parser.FirstItem))
        {
            warnings.Report(HeaderSuspicion.Message(path, parser.FirstLine, values));
        }

        return (keys, layout);
    }

    // Lines equal field by field, quotes aside ("user_id","item_id" is user_id,item_id): the
    // header's copy from a tool that quotes every field.
    // Tabs among the blanks that end a line (pandas writes a missing last value as nothing after
    // the tab); spaces and a CR around them are only trimmed.
    private static int TrailingTabs(ReadOnlySpan<byte> raw)
    {
        int tabs = 0;
        for (int k = raw.Length - 1; k >= 0 && FieldCursor.IsBlank(raw[k]); k--)
        {
            tabs += raw[k] == (byte)'\t' ? 1 : 0;
        }

        return tabs;
    }

    private static bool SameFields(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, byte delimiter)
    {
        var x = new FieldCursor(a, delimiter);
        var y = new FieldCursor(b, delimiter);
        while (true)
        {
            bool more = x.Next(out var fx);
            if (more != y.Next(out var fy))
            {
                return false;
            }

            if (!more)
            {
                return true;
            }

            if (!fx.SequenceEqual(fy))
            {
                return false;
            }
        }
    }

    // A header the user asked for that reads like an interaction: its user and item fields are
    // plain integers, or, in a validation or test file, it names no column and is not the
    // training file's header (one --header for every file: a headerless test file loses a line).
    private static void WarnIfHeaderLooksLikeData(string path, long line, FileLayout layout, ReadOptions options, string[]? runHeader)
    {
        if (options.HasHeader != true || options.Warnings is not { } warnings || layout.Header is not { } names
            || layout.UserColumn >= names.Length || layout.ItemColumn >= names.Length)
        {
            return;
        }

        string pair = $"{names[layout.UserColumn]}, {names[layout.ItemColumn]}";
        if (AsciiNumbers.TryParseCanonical(System.Text.Encoding.UTF8.GetBytes(names[layout.UserColumn]), out _)
            && AsciiNumbers.TryParseCanonical(System.Text.Encoding.UTF8.GetBytes(names[layout.ItemColumn]), out _))
        {
            warnings.Report($"{path}:{line}: the line skipped as the header ({pair}) looks like an interaction of integer ids; if the file has no header, set the header option to no");
        }
        else if (runHeader is not null && !names.SequenceEqual(runHeader) && layout.Types is null && !LayoutSniffer.NamesIdColumns(names))
        {
            string training = runHeader.Length == 0 ? "the training file has none" : $"the training file's is ({string.Join(", ", runHeader)})";
            warnings.Report($"{path}:{line}: the line skipped as the header ({pair}) names no column and {training}; if this file has no header, give it one or leave the header option to auto, which detects each file's");
        }
    }

    private static FileStream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new DataFormatException(path, 0, "is a directory, not an interaction file");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, 0, "file not found");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DataFormatException(path, 0, $"cannot open the file: {IoFailure.Reason(e)}");
        }

        // The layout is sniffed and the size estimated before streaming: a pipe cannot be rewound.
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new DataFormatException(path, 0, "is a pipe or a device, not a regular file; save the interactions to a file first");
        }

        return stream;
    }
}
