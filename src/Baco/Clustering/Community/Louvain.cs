using Baco.Codebooks;
using Baco.Randomness;

namespace Baco.Clustering.Community;

/// <summary>
/// The Louvain method (Blondel, Guillaume, Lambiotte, Lefebvre 2008, "Fast unfolding of
/// communities in large networks") maximising bipartite modularity with a resolution gamma
/// (Barber 2007). Local moving in a seeded random node order until a sweep gains less than
/// 1e-7 m, then aggregation of communities into nodes, repeated while a level merges anything.
/// </summary>
internal static class Louvain
{
    /// <summary>Community of every level-0 node (users first, then items), dense labels.</summary>
    public static int[] Run(CoGraph graph, double gamma, int seed, out int levels)
    {
        var rng = new SplitMix64(SplitMix64.Derive(seed, StreamTag.Louvain));
        var map = new int[graph.NodeCount];
        for (int v = 0; v < map.Length; v++)
        {
            map[v] = v;
        }

        var g = graph;
        levels = 0;
        for (int level = 0; level < 64; level++)
        {
            var identity = new int[g.NodeCount];
            for (int v = 0; v < identity.Length; v++)
            {
                identity[v] = v;
            }

            var mover = new ModularityMover(g, gamma, identity);
            int[] order = rng.Permutation(g.NodeCount);
            for (int sweep = 0; sweep < 100; sweep++)
            {
                double gained = 0;
                int moves = 0;
                foreach (int v in order)
                {
                    double gain = mover.MoveBest(v);
                    if (gain > 0)
                    {
                        gained += gain;
                        moves++;
                    }
                }

                if (moves == 0 || gained < 1e-7 * g.M)
                {
                    break;
                }
            }

            int[] labels = CoClusterNumbering.Dense(mover.Community, out int count);
            levels++;
            for (int v = 0; v < map.Length; v++)
            {
                map[v] = labels[map[v]];
            }

            if (count == g.NodeCount)
            {
                break;
            }

            g = g.Aggregate(labels, count);
        }

        return map;
    }
}
