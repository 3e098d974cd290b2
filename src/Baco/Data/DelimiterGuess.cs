namespace Baco.Data;

/// <summary>
/// Picks the field separator of a file from its first lines. The first of tab, comma and
/// semicolon on the first line is taken, unless the lines say it is not the separator: a comma
/// that splits the lines unevenly or breaks quoted fields ("Smith, J";x or x;"Smith, J") gives way to a
/// semicolon that splits every line evenly into at least as many fields, and a comma that only
/// ever stands between digits of numbers another separator leaves whole (a;x;4,5 or u1 i1 4,5:
/// decimal commas) to a semicolon or runs of spaces that split every line evenly. When comma and
/// semicolon both split every line evenly, the semicolon wins only if it gives as many fields
/// and every comma is one of text (followed by a space, while no semicolon is). Otherwise the
/// comma stays, and a line it splits unevenly is reported when it is read.
/// </summary>
internal static class DelimiterGuess
{
    /// <summary>The separator byte (0: runs of spaces and tabs) for <paramref name="lines"/> (the first line first).</summary>
    public static byte Detect(IReadOnlyList<byte[]> lines)
    {
        var first = lines[0].AsSpan();
        byte chosen = first.Contains((byte)'\t') ? (byte)'\t'
            : first.Contains((byte)',') ? (byte)','
            : first.Contains((byte)';') ? (byte)';'
            : (byte)0;
        if (chosen is 0 or (byte)'\t')
        {
            return chosen;
        }

        var own = Split(lines, chosen);
        foreach (byte other in new[] { (byte)';', (byte)0 })
        {
            if (other == chosen || (other != 0 && !first.Contains(other)) || (other == 0 && !first.Contains((byte)' ')))
            {
                continue;
            }

            var alternative = Split(lines, other);
            if (!alternative.Even || alternative.Fields < 2 || alternative.BrokenQuote)
            {
                continue;
            }

            // Runs of spaces replace a comma only on the positive sign of decimal commas: a comma
            // file of free text with spaces splits evenly on them too.
            // A semicolon in the text of a comma file ("Great food; nice staff") may split its
            // few lines evenly too, but into fewer fields than the commas do.
            bool decimals = chosen == (byte)',' && alternative.CommaFieldsAreDecimals;
            // Both even: commas that are all followed by a space, where no semicolon is, are
            // commas of text ("Müller, Hans;A1;4"); a list after a comma ("u1,i1,a;b;c") is not.
            bool prose = other == (byte)';' && own.Even && alternative.Fields >= own.Fields && CommasAreProse(lines);
            if (decimals || prose || (other != 0 && (!own.Even || own.BrokenQuote) && alternative.Fields >= own.MostFields))
            {
                return other;
            }
        }

        return chosen;
    }

    // Every comma followed by a space and no semicolon: ", " is how text writes a comma, and
    // separators are rarely written that way on every line while a semicolon is not.
    private static bool CommasAreProse(IReadOnlyList<byte[]> lines)
    {
        foreach (var line in lines)
        {
            for (int k = 0; k < line.Length; k++)
            {
                bool followed = k + 1 < line.Length && line[k + 1] == (byte)' ';
                if ((line[k] == (byte)',' && !followed) || (line[k] == (byte)';' && followed))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private readonly record struct Shape(bool Even, int Fields, int MostFields, bool BrokenQuote, bool CommaFieldsAreDecimals);

    // How the lines split at one separator: the same field count on every line (the first
    // line's, and the most of any line), an unquoted field with a quote left unpaired (a quoted
    // field cut at a separator inside it: "Smith or x;"Smith), and whether every field holding a
    // comma is a number written with a decimal comma (at least one being so).
    private static Shape Split(IReadOnlyList<byte[]> lines, byte separator)
    {
        int fields = -1, most = 0;
        bool even = true, broken = false, decimals = true, anyComma = false;
        foreach (var line in lines)
        {
            var cursor = new FieldCursor(line, separator);
            int n = 0;
            while (cursor.Next(out var field))
            {
                n++;
                broken |= !cursor.WasQuoted && field.Count((byte)'"') % 2 == 1;
                if (field.Contains((byte)','))
                {
                    anyComma = true;
                    decimals &= IsDecimalComma(field);
                }
            }

            even &= fields < 0 || n == fields;
            fields = fields < 0 ? n : fields;
            most = Math.Max(most, n);
        }

        return new Shape(even, fields, most, broken, anyComma && decimals);
    }

    // [+-]digits,digits: 4,5 or -0,25.
    private static bool IsDecimalComma(ReadOnlySpan<byte> field)
    {
        if (!field.IsEmpty && field[0] is (byte)'+' or (byte)'-')
        {
            field = field[1..];
        }

        int comma = field.IndexOf((byte)',');
        return comma > 0 && comma < field.Length - 1
            && IsDigits(field[..comma]) && IsDigits(field[(comma + 1)..]);
    }

    private static bool IsDigits(ReadOnlySpan<byte> s) => !s.ContainsAnyExceptInRange((byte)'0', (byte)'9');
}
