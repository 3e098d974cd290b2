namespace Baco.Clustering.Hashing;

/// <summary>Entities ordered by training frequency (degree), most frequent first, ties by id.</summary>
internal static class FrequencyRanking
{
    /// <summary>
    /// Frequency rank (0 = most frequent) of the <paramref name="take"/> most frequent entities
    /// of a side, -1 for the others.
    /// </summary>
    public static int[] TopRanks(int[] offsets, int take)
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
