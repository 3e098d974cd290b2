namespace Baco.Data;

/// <summary>
/// When a file whose layout is not set is read as LightGCN adjacency lists ("user item item ...")
/// rather than as an edge list. Misreading an edge list this way turns ratings and timestamps
/// into items, so the evidence must be unambiguous; anything less is read as an edge list, where
/// a line of another length is an error that names it.
/// </summary>
internal static class AdjacencyRule
{
    /// <summary>
    /// True when the sampled data lines (no header, separator tab or runs of whitespace) are all
    /// non-negative integers, no user starts two lines, and the field counts cannot be one
    /// edge-list layout: at least three different counts, none shared by more than half the lines.
    /// An edge list with a missing or an extra column has at most two counts, one of them on most
    /// lines.
    /// </summary>
    public static bool Holds(List<string[]> lines)
    {
        if (lines.Count < 3 || !lines.TrueForAll(l => Array.TrueForAll(l, IsDigits)))
        {
            return false;
        }

        var users = new HashSet<string>(StringComparer.Ordinal);
        if (!lines.TrueForAll(l => l.Length > 0 && users.Add(l[0])))
        {
            return false;
        }

        var counts = lines.GroupBy(l => l.Length).Select(g => g.Count()).ToList();
        return counts.Count >= 3 && counts.Max() * 2 <= lines.Count;
    }

    /// <summary>Whether a field is a non-negative integer written with digits only.</summary>
    public static bool IsDigits(ReadOnlySpan<byte> field)
        => !field.IsEmpty && field.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static bool IsDigits(string field)
        => field.Length > 0 && field.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
