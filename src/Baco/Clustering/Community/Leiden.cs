using Baco.Codebooks;
using Baco.Numerics;
using Baco.Randomness;

namespace Baco.Clustering.Community;

/// <summary>
/// The Leiden algorithm (Traag, Waltman, van Eck 2019, "From Louvain to Leiden: guaranteeing
/// well-connected communities") on bipartite modularity with resolution gamma: fast local moving
/// with a queue, refinement inside each community (only well-connected singletons move, only into
/// well-connected sub-communities, never lowering the quality), aggregation of the refined
/// partition with the unrefined one as the start of the next level. Deviation: the refinement
/// picks the best sub-community greedily instead of at random with probability exp(dH / theta).
/// </summary>
internal static class Leiden
{
    /// <summary>Community of every level-0 node (users first, then items), dense labels.</summary>
    public static int[] Run(CoGraph graph, double gamma, int seed, out int levels)
    {
        var rng = new SplitMix64(SplitMix64.Derive(seed, StreamTag.Leiden));
        var map = new int[graph.NodeCount];
        var partition = new int[graph.NodeCount];
        for (int v = 0; v < map.Length; v++)
        {
            map[v] = v;
            partition[v] = v;
        }

        var g = graph;
        levels = 0;
        for (int level = 0; level < 64; level++)
        {
            levels++;
            var mover = new ModularityMover(g, gamma, partition);
            FastLocalMove(g, mover, rng);
            partition = CoClusterNumbering.Dense(mover.Community, out int count);
            if (count == g.NodeCount)
            {
                break;
            }

            int[] refined = Refine(g, partition, count, gamma, rng, out int refinedCount);
            if (refinedCount == g.NodeCount)
            {
                // Refinement merged nothing: aggregate by the partition itself to make progress.
                refined = partition;
                refinedCount = count;
            }

            var parent = new int[refinedCount];
            for (int v = 0; v < g.NodeCount; v++)
            {
                parent[refined[v]] = partition[v];
            }

            for (int v = 0; v < map.Length; v++)
            {
                map[v] = refined[map[v]];
            }

            g = g.Aggregate(refined, refinedCount);
            partition = parent;
        }

        var result = new int[map.Length];
        for (int v = 0; v < map.Length; v++)
        {
            result[v] = partition[map[v]];
        }

        return CoClusterNumbering.Dense(result, out _);
    }

    private static void FastLocalMove(CoGraph g, ModularityMover mover, SplitMix64 rng)
    {
        int n = g.NodeCount;
        var queue = new int[n];
        var queued = new bool[n];
        int head = 0, size = n;
        int[] order = rng.Permutation(n);
        for (int k = 0; k < n; k++)
        {
            queue[k] = order[k];
            queued[order[k]] = true;
        }

        while (size > 0)
        {
            int v = queue[head];
            head = (head + 1) % n;
            size--;
            queued[v] = false;
            int before = mover.Community[v];
            mover.MoveBest(v);
            int after = mover.Community[v];
            if (after == before)
            {
                continue;
            }

            // Neighbours outside v's new community may now prefer it.
            for (int p = g.Offsets[v]; p < g.Offsets[v + 1]; p++)
            {
                int u = g.Targets[p];
                if (!queued[u] && mover.Community[u] != after)
                {
                    queue[(head + size) % n] = u;
                    queued[u] = true;
                    size++;
                }
            }
        }
    }

    private static int[] Refine(CoGraph g, int[] partition, int count, double gamma, SplitMix64 rng, out int refinedCount)
    {
        int n = g.NodeCount;
        double m = g.M;
        var cku = new double[count];
        var ckd = new double[count];
        for (int v = 0; v < n; v++)
        {
            cku[partition[v]] += g.KU[v];
            ckd[partition[v]] += g.KD[v];
        }

        var refined = new int[n];
        var rku = (double[])g.KU.Clone();
        var rkd = (double[])g.KD.Clone();
        var rsize = new int[n];
        var ext = new double[n];
        var rext = new double[n];
        for (int v = 0; v < n; v++)
        {
            refined[v] = v;
            rsize[v] = 1;
            for (int p = g.Offsets[v]; p < g.Offsets[v + 1]; p++)
            {
                if (partition[g.Targets[p]] == partition[v])
                {
                    ext[v] += g.Weights[p];
                }
            }

            rext[v] = ext[v];
        }

        var weightTo = new SparseAccumulator(n);
        foreach (int v in rng.Permutation(n))
        {
            if (refined[v] != v || rsize[v] != 1)
            {
                continue;
            }

            int s = partition[v];
            double ku = g.KU[v], kd = g.KD[v];
            if (ext[v] < gamma * ((ku * (ckd[s] - kd)) + (kd * (cku[s] - ku))) / m)
            {
                continue;
            }

            weightTo.Clear();
            for (int p = g.Offsets[v]; p < g.Offsets[v + 1]; p++)
            {
                int u = g.Targets[p];
                if (partition[u] == s)
                {
                    weightTo.Add(refined[u], g.Weights[p]);
                }
            }

            int best = -1;
            double bestGain = -1e-12;
            foreach (int r in weightTo.Keys)
            {
                if (r == v)
                {
                    continue;
                }

                bool wellConnected = rext[r] >= gamma * ((rku[r] * (ckd[s] - rkd[r])) + (rkd[r] * (cku[s] - rku[r]))) / m;
                double gain = weightTo[r] - (gamma * ((ku * rkd[r]) + (kd * rku[r])) / m);
                if (wellConnected && gain > bestGain)
                {
                    best = r;
                    bestGain = gain;
                }
            }

            if (best < 0)
            {
                continue;
            }

            rext[best] += ext[v] - (2 * weightTo[best]);
            rku[best] += ku;
            rkd[best] += kd;
            rsize[best]++;
            rsize[v] = 0;
            refined[v] = best;
        }

        return CoClusterNumbering.Dense(refined, out refinedCount);
    }
}
