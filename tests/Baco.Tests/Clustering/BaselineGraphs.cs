using Baco.Graph;

namespace Baco.Tests.Clustering;

/// <summary>Small hand-built graphs for the baseline tests.</summary>
internal static class BaselineGraphs
{
    /// <summary>
    /// Three planted co-clusters: block b has users 6b..6b+5 and items 6b..6b+5, fully connected,
    /// plus two cross edges (user 0 - item 6, user 7 - item 12).
    /// </summary>
    public static BipartiteGraph ThreeBlocks()
    {
        var us = new List<int>();
        var its = new List<int>();
        for (int b = 0; b < 3; b++)
        {
            for (int u = 0; u < 6; u++)
            {
                for (int i = 0; i < 6; i++)
                {
                    us.Add((6 * b) + u);
                    its.Add((6 * b) + i);
                }
            }
        }

        us.AddRange([0, 7]);
        its.AddRange([6, 12]);
        return BipartiteGraph.FromPairs(18, 18, us.ToArray(), its.ToArray());
    }

    /// <summary>
    /// A seeded random graph with community structure (8 groups; 80 % of edges inside a group)
    /// and a few isolated users and items at the end of each id range.
    /// </summary>
    public static BipartiteGraph Random(int users = 300, int items = 200, int edges = 3000, int seed = 7)
    {
        var rng = new System.Random(seed);
        var us = new int[edges];
        var its = new int[edges];
        int activeUsers = users - 3, activeItems = items - 2;
        for (int k = 0; k < edges; k++)
        {
            int u = rng.Next(activeUsers);
            int i;
            if (rng.NextDouble() < 0.8)
            {
                int g = u % 8;
                i = g + (8 * rng.Next((activeItems - g + 7) / 8));
                i = Math.Min(i, activeItems - 1);
            }
            else
            {
                i = rng.Next(activeItems);
            }

            us[k] = u;
            its[k] = i;
        }

        return BipartiteGraph.FromPairs(users, items, us, its);
    }
}
