namespace Baco.Codebooks;

/// <summary>
/// How the rows of an assignment relate to the rows of an earlier one it was numbered against
/// (docs/METHOD.md, "Stable rows across re-clustering"): for each row, the earlier row of the
/// same side it was matched to by shared members, or -1. A warm start copies the trained rows
/// along it (<c>Baco.Training.WarmStart</c>).
/// </summary>
/// <param name="UserRows">Per user row of this assignment: the earlier user row, or -1.</param>
/// <param name="ItemRows">Per item row of this assignment: the earlier item row, or -1.</param>
/// <param name="PreviousUserRows">User rows of the earlier assignment.</param>
/// <param name="PreviousItemRows">Item rows of the earlier assignment.</param>
/// <param name="Previous">The earlier assignment's fingerprint (<c>Baco.Assignment.AssignmentFingerprint</c>), to recognise it later.</param>
public sealed record RowMap(int[] UserRows, int[] ItemRows, int PreviousUserRows, int PreviousItemRows, string Previous)
{
    /// <summary>Rows of this assignment matched to an earlier row, per side.</summary>
    public (int Users, int Items) Matched => (UserRows.Count(r => r >= 0), ItemRows.Count(r => r >= 0));

    /// <summary>Every row its own earlier row: for an assignment whose rows are those of the earlier one (the same assignment, or one 'baco assign' extended).</summary>
    public static RowMap Identity(int userRows, int itemRows, string previous)
        => new([.. Enumerable.Range(0, userRows)], [.. Enumerable.Range(0, itemRows)], userRows, itemRows, previous);

    /// <summary>
    /// Checks the invariants: one entry per row, each -1 or an earlier row, no earlier row used
    /// twice (a matching). Returns the first problem in words, or null.
    /// </summary>
    public string? Problem(int userRows, int itemRows)
        => SideProblem("user", UserRows, userRows, PreviousUserRows) ?? SideProblem("item", ItemRows, itemRows, PreviousItemRows);

    /// <summary><see cref="Problem"/> for one side's map.</summary>
    internal static string? SideProblem(string side, int[] map, int rows, int previousRows)
    {
        if (map.Length != rows)
        {
            return $"the {side} row map has {map.Length} entries, the assignment {rows} {side} rows";
        }

        var used = new bool[Math.Max(previousRows, 0)];
        for (int r = 0; r < map.Length; r++)
        {
            int p = map[r];
            if (p < -1 || p >= previousRows)
            {
                return $"{side} row {r} maps to {p}, which is neither -1 nor one of the {previousRows} earlier {side} rows";
            }

            if (p >= 0)
            {
                if (used[p])
                {
                    return $"earlier {side} row {p} is matched twice";
                }

                used[p] = true;
            }
        }

        return null;
    }
}
