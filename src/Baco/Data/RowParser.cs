using System.Globalization;
using System.Text;

namespace Baco.Data;

/// <summary>Turns one line into interactions, with the file's layout fixed.</summary>
internal sealed class RowParser(string path, FileLayout layout, double? minRating, IdSpace users, IdSpace items, KeyBuffer keys)
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
            throw new DataFormatException(path, number, $"{what} id '{Text(field)}' is not a canonical non-negative integer (digits only, no leading zeros), and ids were set to be integers");
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
