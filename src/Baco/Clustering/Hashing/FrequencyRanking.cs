namespace Baco.Clustering.Hashing;

/// <summary>Entities ordered by training frequency (degree), most frequent first, ties by id.</summary>
internal static class FrequencyRanking
{
    /// <summary>
    /// The frequency split of Zhang et al. (2020) for a side of <paramref name="rows"/> rows (fewer
    /// than its entities): half the rows (rounded down, leaving at least one) go one each to the
    /// most frequent entities, as rows shared.. in frequency order; the other entities share rows
    /// 0..shared-1. Returns each entity's own row, -1 for the sharing ones.
    /// </summary>
    public static int[] OwnRowsOfFrequent(int[] offsets, int rows, out int shared)
    {
        shared = SharedRows(rows);
        int[] own = TopRanks(offsets, rows - shared);
        for (int e = 0; e < own.Length; e++)
        {
            if (own[e] >= 0)
            {
                own[e] += shared;
            }
        }

        return own;
    }

    /// <summary>Rows of a side of <paramref name="rows"/> left to the infrequent entities: at least one, else half rounded up.</summary>
    public static int SharedRows(int rows) => rows - Math.Min(rows / 2, rows - 1);

    /// <summary>
    /// Frequency rank (0 = most frequent) of the <paramref name="take"/> most frequent entities
    /// of a side, -1 for the others.
    /// </summary>
    private static int[] TopRanks(int[] offsets, int take)
    {
        int count = offsets.Length - 1;
        var order = new int[count];
        var keys = new long[count];
        for (int e = 0; e < count; e++)
        {
            order[e] = e;

            // Descending degree, then ascending id: one sortable key, no comparer allocations.
            keys[e] = ((long)(int.MaxValue - (offsets[e + 1] - offsets[e])) << 32) | (uint)e;
        }

        Array.Sort(keys, order);
        var rank = new int[count];
        Array.Fill(rank, -1);
        for (int r = 0; r < Math.Min(take, count); r++)
        {
            rank[order[r]] = r;
        }

        return rank;
    }
}
