using Baco.Numerics;

namespace Baco.Clustering.Balanced;

/// <summary>
/// Secondary clusters (docs/METHOD.md, "Secondary user clusters"): after the passes, each node
/// of one side may take a second codebook row of its side, the neighbouring label (other than its
/// own, and held by at least one node of its side, so the row exists) maximising
/// B(x, c) - gamma * w_x * (W_other[c] - W_other[own]), with B(x, c) its neighbours holding c and
/// W_other the other side's label volumes. BACO applies it to users; items optionally
/// (<see cref="BacoOptions.SecondaryItemClusters"/>). Read-only over the final labels, so nodes
/// are independent and run in parallel blocks.
/// </summary>
internal static class SecondaryClusters
{
    private const int BlockNodes = 1024;

    /// <summary>
    /// Returns each node's secondary label, or -1 where it has none. The side is given as CSR
    /// (<paramref name="offsets"/>, <paramref name="neighbours"/>: its nodes' neighbours on the other side).
    /// </summary>
    public static int[] Compute(int[] offsets, int[] neighbours, int[] ownLabels, int[] otherLabels, double[] weight,
        ReadOnlySpan<double> otherVolumes, ReadOnlySpan<int> ownCounts, double gamma)
    {
        int nodes = offsets.Length - 1;
        var secondary = new int[nodes];
        double[] volumes = otherVolumes.ToArray();
        int[] counts = ownCounts.ToArray();
        BlockParallel.Blocks(BlockParallel.BlockCount(nodes, BlockNodes), () => new SparseAccumulator(volumes.Length), (b, links) =>
        {
            for (int x = b * BlockNodes, end = Math.Min(nodes, (b + 1) * BlockNodes); x < end; x++)
            {
                secondary[x] = Best(offsets, neighbours, ownLabels[x], otherLabels, gamma * weight[x], volumes, counts, x, links);
            }
        });
        return secondary;
    }

    private static int Best(int[] offsets, int[] neighbours, int own, int[] otherLabels, double penalty,
        double[] otherVolumes, int[] ownCounts, int x, SparseAccumulator links)
    {
        links.Clear();
        for (int p = offsets[x]; p < offsets[x + 1]; p++)
        {
            int c = otherLabels[neighbours[p]];
            if (c != own && ownCounts[c] > 0)
            {
                links.Add(c, 1);
            }
        }

        int best = -1;
        double bestScore = double.NegativeInfinity;
        foreach (int c in links.Keys)
        {
            // W_other[own] is the same for every candidate, so it does not change the argmax.
            double score = links[c] - (penalty * otherVolumes[c]);
            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }

        return best;
    }
}
