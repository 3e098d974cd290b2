using Baco.Graph;

namespace Baco.Internals;

/// <summary>
/// The symmetric normalised adjacency D^-1/2 A D^-1/2 of the bipartite graph over one node
/// space (users 0..U-1, then items U..U+I-1), in CSR with float weights. Since it is symmetric,
/// the same matrix serves LightGCN's forward and backward propagation.
/// </summary>
internal sealed class NormalizedAdjacency
{
    private NormalizedAdjacency(int userCount, int itemCount, int[] offsets, int[] columns, float[] weights, int splitRow)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        Offsets = offsets;
        Columns = columns;
        Weights = weights;
        SplitRow = splitRow;
    }

    public int UserCount { get; }

    public int ItemCount { get; }

    public int NodeCount => UserCount + ItemCount;

    public int[] Offsets { get; }

    public int[] Columns { get; }

    public float[] Weights { get; }

    /// <summary>Row where the second of the two fixed work halves starts (balanced by nonzeros plus rows).</summary>
    public int SplitRow { get; }

    public static NormalizedAdjacency FromGraph(BipartiteGraph g)
    {
        int u = g.UserCount, n = g.UserCount + g.ItemCount;
        var offsets = new int[n + 1];
        for (int r = 0; r < u; r++)
        {
            offsets[r + 1] = offsets[r] + g.UserDegree(r);
        }

        for (int i = 0; i < g.ItemCount; i++)
        {
            offsets[u + i + 1] = offsets[u + i] + g.ItemDegree(i);
        }

        var cols = new int[offsets[n]];
        var vals = new float[offsets[n]];
        for (int r = 0; r < u; r++)
        {
            int k = offsets[r];
            double du = g.UserDegree(r);
            foreach (int i in g.ItemsOf(r))
            {
                cols[k] = u + i;
                vals[k++] = (float)(1.0 / Math.Sqrt(du * g.ItemDegree(i)));
            }
        }

        for (int i = 0; i < g.ItemCount; i++)
        {
            int k = offsets[u + i];
            double di = g.ItemDegree(i);
            foreach (int user in g.UsersOf(i))
            {
                cols[k] = user;
                vals[k++] = (float)(1.0 / Math.Sqrt(di * g.UserDegree(user)));
            }
        }

        // Balance the two halves by work (nonzeros + one per row for the row's write).
        long total = (long)offsets[n] + n;
        int split = 0;
        while (split < n && (long)offsets[split] + split < total / 2)
        {
            split++;
        }

        return new NormalizedAdjacency(g.UserCount, g.ItemCount, offsets, cols, vals, split);
    }
}
