namespace Baco.Data;

/// <summary>
/// Notices a first line that looks like column names nobody recognised ("shopper,sku" above
/// "s17,p204" lines) but was read as an interaction. Only a warning, and a conservative one: the
/// line's user and item have no digit while every other sampled line's user (or every item) has
/// one, and after reading, neither value occurs on any other line. A file of string ids without
/// digits, or whose first user comes back, is left alone.
/// </summary>
internal static class HeaderSuspicion
{
    /// <summary>
    /// The first line's user and item as "(user, item)" when the sample makes it suspect, else null.
    /// </summary>
    public static string? FromSample(List<string[]> data, int user, int item)
    {
        if (data.Count < 3 || data[0].Length <= Math.Max(user, item))
        {
            return null;
        }

        bool Digit(string[] line, int column) => column < line.Length && line[column].AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        var first = data[0];
        var rest = data.GetRange(1, data.Count - 1);
        if (Digit(first, user) || Digit(first, item) || (!rest.TrueForAll(l => Digit(l, user)) && !rest.TrueForAll(l => Digit(l, item))))
        {
            return null;
        }

        return $"({Short(first[user])}, {Short(first[item])})";
    }

    /// <summary>Whether the first line's user and item (stored values) each occur on that line only.</summary>
    public static bool OnlyOnce(ReadOnlySpan<long> keys, int user, int item)
    {
        int users = 0, items = 0;
        foreach (long key in keys)
        {
            users += (int)(key >> 32) == user ? 1 : 0;
            items += (int)(uint)key == item ? 1 : 0;
        }

        return users == 1 && items == 1;
    }

    /// <summary>The warning, one line naming the file and line.</summary>
    public static string Message(string path, long line, string values)
        => $"{path}:{line}: the first line {values} looks like column names but was read as an interaction (its values have no digits and appear on no other line); if it is a header, set the header option to yes";

    private static string Short(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
