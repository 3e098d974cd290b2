namespace Baco.Data;

/// <summary>What to do about a file written with a row index as its first column (pandas, R).</summary>
internal static class RowIndex
{
    /// <summary>The remedy, one clause, for the errors that find such an index.</summary>
    public const string Remedy = "write the file without it (pandas: to_csv(..., index=False); R: write.table(..., row.names=FALSE)), or remove that column";

    // Fewer lines say nothing: a handful of users of one interaction each is a plausible toy file.
    private const int MinLines = 5;

    /// <summary>
    /// Whether a headerless edge list of three or more columns (an index, the users, the items)
    /// has a different user on every line, read into <paramref name="keys"/> (user in the high
    /// half): its first column is then an index, not users.
    /// </summary>
    public static bool ReadAsUsers(FileLayout layout, int fields, ReadOnlySpan<long> keys)
    {
        if (layout.Format != InteractionFormat.EdgeList || layout.HasHeader || layout.UserColumn != 0 || fields < 3 || keys.Length < MinLines)
        {
            return false;
        }

        // A real log repeats a user within its first lines, so this stops early.
        var users = new HashSet<int>();
        foreach (long key in keys)
        {
            if (!users.Add((int)(key >> 32)))
            {
                return false;
            }
        }

        return true;
    }
}
