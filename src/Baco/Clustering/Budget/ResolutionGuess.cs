using Baco.Graph;

namespace Baco.Clustering.Budget;

/// <summary>First resolution to try for a budget in the Louvain / Leiden searches.</summary>
internal static class ResolutionGuess
{
    /// <summary>
    /// Joining user u and item i pays when 1 > gamma k_u d_i / m, so resolution scales like
    /// m / (k d) ~ |U| |I| / m; scaled by the share of rows the budget keeps. On Gowalla at 0.17
    /// this gives 256 where the search ends near 210, against 1 -> 213 in 8 runs before.
    /// </summary>
    public static double For(BipartiteGraph graph, long budget, int dim)
    {
        double m = Math.Max(1, graph.EdgeCount);
        double share = Math.Clamp((double)budget / dim / Math.Max(1, graph.UserCount + graph.ItemCount), 1e-6, 1);
        return Math.Clamp(share * graph.UserCount * (double)graph.ItemCount / m, 1e-3, 1e5);
    }
}
