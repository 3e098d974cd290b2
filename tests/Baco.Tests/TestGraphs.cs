using Baco.Graph;

using Baco.Randomness;

namespace Baco.Tests;

/// <summary>Small graphs built in code for tests.</summary>
internal static class TestGraphs
{
    /// <summary>Graph from an explicit edge list.</summary>
    public static BipartiteGraph FromEdges(int users, int items, params (int U, int I)[] edges)
        => BipartiteGraph.FromPairs(users, items, edges.Select(e => e.U).ToArray(), edges.Select(e => e.I).ToArray());

    /// <summary>
    /// Planted co-clusters: users and items split round-robin into <paramref name="blocks"/> groups;
    /// each user draws <paramref name="degree"/> items, from its own group with probability
    /// <paramref name="inside"/>. Seeded and deterministic.
    /// </summary>
    public static BipartiteGraph Planted(int users, int items, int blocks, int degree, double inside, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var us = new List<int>();
        var its = new List<int>();
        int perBlock = items / blocks;
        for (int u = 0; u < users; u++)
        {
            int block = u % blocks;
            int d = 1 + rng.NextInt(2 * degree);
            for (int k = 0; k < d; k++)
            {
                int item = rng.NextDouble() < inside ? (block + (blocks * rng.NextInt(perBlock))) : rng.NextInt(items);
                us.Add(u);
                its.Add(item);
            }
        }

        return BipartiteGraph.FromPairs(users, items, us.ToArray(), its.ToArray());
    }
}
