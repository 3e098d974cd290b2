using Baco.Graph;

namespace Baco.Models.Kernels;

/// <summary>
/// The symmetric normalised adjacency D^-1/2 A D^-1/2 of the bipartite graph over one node
/// space (users 0..U-1, then items U..U+I-1), in CSR with float weights. Since it is symmetric,
/// the same matrix serves LightGCN's forward and backward propagation.
/// </summary>
internal sealed class NormalizedAdjacency
{
    private NormalizedAdjacency(int userCount, int itemCount, int[] offsets, int[] columns, float[] weights, int[] blockStarts)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        Offsets = offsets;
        Columns = columns;
        Weights = weights;
        BlockStarts = blockStarts;
    }

    public int UserCount { get; }

    public int ItemCount { get; }

    public int NodeCount => UserCount + ItemCount;

    public int[] Offsets { get; }

    public int[] Columns { get; }

    public float[] Weights { get; }

    /// <summary>
    /// First row of each work block, then NodeCount: blocks of about equal work (nonzeros plus
    /// one per row), fixed by the graph alone so products never depend on the thread count.
    /// </summary>
    public int[] BlockStarts { get; }

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

        return new NormalizedAdjacency(g.UserCount, g.ItemCount, offsets, cols, vals, WorkBlocks(offsets, n));
    }

    // Work per block: enough to outweigh scheduling (about 1 ms), small enough to spread over
    // many cores on Beauty-sized graphs.
    private const long WorkPerBlock = 1 << 15;

    private static int[] WorkBlocks(int[] offsets, int n)
    {
        var starts = new List<int> { 0 };
        long next = WorkPerBlock;
        for (int r = 0; r < n; r++)
        {
            if ((long)offsets[r] + r >= next)
            {
                starts.Add(r);
                next = (long)offsets[r] + r + WorkPerBlock;
            }
        }

        starts.Add(n);
        return [.. starts];
    }
}
