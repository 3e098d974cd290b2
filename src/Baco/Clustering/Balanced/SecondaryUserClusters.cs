using Baco.Graph;
using Baco.Numerics;

namespace Baco.Clustering.Balanced;

/// <summary>
/// Secondary user clusters (docs/METHOD.md, "Secondary user clusters"): after the passes, each
/// user may take a second user-codebook row, the neighbouring label (other than its own, and
/// held by at least one user) maximising B(x, I_c) - gamma * w_x * (W_I[c] - W_I[own]).
/// Read-only over the final labels, so users are independent and run in parallel blocks.
/// </summary>
internal static class SecondaryUserClusters
{
    /// <summary>Returns each user's secondary label, or -1 where the user has none.</summary>
    public static int[] Compute(BipartiteGraph graph, int[] userLabels, int[] itemLabels, double[] userWeight,
        ReadOnlySpan<double> itemVolumes, ReadOnlySpan<int> userCounts, double gamma)
    {
        int users = graph.UserCount;
        var secondary = new int[users];
        double[] volumes = itemVolumes.ToArray();
        int[] counts = userCounts.ToArray();
        BlockParallel.Blocks(BlockParallel.BlockCount(users, BlockUsers), () => new SparseAccumulator(volumes.Length), (b, links) =>
            Range(graph, userLabels, itemLabels, userWeight, volumes, counts, gamma, b * BlockUsers, Math.Min(users, (b + 1) * BlockUsers), secondary, links));
        return secondary;
    }

    private const int BlockUsers = 1024;

    private static void Range(BipartiteGraph graph, int[] userLabels, int[] itemLabels, double[] userWeight,
        double[] itemVolumes, int[] userCounts, double gamma, int from, int to, int[] secondary, SparseAccumulator links)
    {
        for (int x = from; x < to; x++)
        {
            int own = userLabels[x];
            links.Clear();
            foreach (int i in graph.ItemsOf(x))
            {
                int c = itemLabels[i];
                if (c != own && userCounts[c] > 0)
                {
                    links.Add(c, 1);
                }
            }

            double penalty = gamma * userWeight[x];
            int best = -1;
            double bestScore = double.NegativeInfinity;
            foreach (int c in links.Keys)
            {
                // W_I[own] is the same for every candidate, so it does not change the argmax.
                double score = links[c] - (penalty * itemVolumes[c]);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = c;
                }
            }

            secondary[x] = best;
        }
    }
}
