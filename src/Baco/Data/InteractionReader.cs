using System.Globalization;
using System.Text;

namespace Baco.Data;

/// <summary>
/// Reads interaction files (TSV, CSV, whitespace-separated edge lists with optional header, or
/// LightGCN adjacency lists) into a <see cref="Dataset"/> with one id space across train,
/// validation and test. Streams bytes through a reused buffer and keeps 8 bytes an edge.
/// </summary>
public static class InteractionReader
{
    private const int SampleBytes = 64 * 1024;

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
        var users = new IdSpace(options.UserIds, buffers, high: true);
        var items = new IdSpace(options.ItemIds, buffers, high: false);
        string?[] paths = [trainPath, validationPath, testPath];
        var perFile = new KeyBuffer?[paths.Length];
        for (int f = 0; f < paths.Length; f++)
        {
            if (paths[f] is { } path)
            {
                perFile[f] = ReadFile(path, options, users, items, buffers);
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

    private static KeyBuffer ReadFile(string path, ReadOptions options, IdSpace users, IdSpace items, List<KeyBuffer> buffers)
    {
        using var source = new LineSource(Open(path));
        var sample = source.Prefetch(SampleBytes);
        var layout = LayoutSniffer.Detect(path, sample, source.AtEndOfFile, options);
        var keys = new KeyBuffer((long)(new FileInfo(path).Length / layout.BytesPerEdge * 1.05) + 64);
        buffers.Add(keys);

        var parser = new RowParser(path, layout, options.MinRating, users, items, keys);
        bool headerPending = layout.HasHeader;
        long rows = 0;
        while (source.TryReadLine(out var raw))
        {
            var line = FieldCursor.Trim(raw);
            if (line.IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }

            if (headerPending)
            {
                headerPending = false;
                continue;
            }

            rows++;
            if (layout.Format == InteractionFormat.Adjacency)
            {
                parser.Adjacency(line, source.LineNumber);
            }
            else
            {
                parser.Edge(line, source.LineNumber);
            }
        }

        if (rows == 0)
        {
            throw new DataFormatException(path, 0, layout.HasHeader
                ? "the file has a header line but no interactions"
                : "the file is empty (no interaction lines)");
        }

        return keys;
    }

    private static FileStream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new DataFormatException(path, 0, "is a directory, not an interaction file");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, 0, "file not found");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DataFormatException(path, 0, $"cannot open the file: {e.Message}");
        }
    }

    /// <summary>Turns one line into interactions, with the file's layout fixed.</summary>
    private sealed class RowParser(string path, FileLayout layout, double? minRating, IdSpace users, IdSpace items, KeyBuffer keys)
    {
        private readonly int _need = Math.Max(
            Math.Max(layout.UserColumn, layout.ItemColumn),
            Math.Max(minRating is null ? -1 : layout.RatingColumn, (layout.Types?.Length ?? 0) - 1)) + 1;

        public void Edge(ReadOnlySpan<byte> line, long number)
        {
            var cursor = new FieldCursor(line, layout.Delimiter);
            ReadOnlySpan<byte> user = default, item = default, rating = default;
            int n = 0;
            while (n < _need && cursor.Next(out var field))
            {
                if (n == layout.UserColumn)
                {
                    user = field;
                }
                else if (n == layout.ItemColumn)
                {
                    item = field;
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

            if (n < _need)
            {
                throw new DataFormatException(path, number, $"missing column: the line has {n} field(s), {_need} are needed ({Needed()})");
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

            keys.Add(Id(users, user, "user", number), Id(items, item, "item", number));
        }

        public void Adjacency(ReadOnlySpan<byte> line, long number)
        {
            var cursor = new FieldCursor(line, layout.Delimiter);
            if (!cursor.Next(out var userField))
            {
                return;
            }

            int user = Id(users, userField, "user", number);
            while (cursor.Next(out var field))
            {
                if (field.IsEmpty)
                {
                    continue;
                }

                keys.Add(user, Id(items, field, "item", number));
            }
        }

        private static string Text(ReadOnlySpan<byte> field)
        {
            string s = Encoding.UTF8.GetString(field);
            return s.Length > 40 ? s[..40] + "..." : s;
        }

        private int Id(IdSpace space, ReadOnlySpan<byte> field, string what, long number)
        {
            if (field.IsEmpty)
            {
                throw new DataFormatException(path, number, $"empty {what} id");
            }

            if (!space.TryAdd(field, out int id))
            {
                throw new DataFormatException(path, number, $"{what} id '{Text(field)}' is not a non-negative integer (ids were set to be integers)");
            }

            return id;
        }

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
}
