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
        int n = g.UserCount + g.ItemCount;
        var (offsets, cols) = g.JointAdjacency();
        var vals = new float[cols.Length];
        for (int r = 0; r < n; r++)
        {
            double dr = offsets[r + 1] - offsets[r];
            for (int k = offsets[r]; k < offsets[r + 1]; k++)
            {
                int c = cols[k];
                vals[k] = (float)(1.0 / Math.Sqrt(dr * (offsets[c + 1] - offsets[c])));
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
