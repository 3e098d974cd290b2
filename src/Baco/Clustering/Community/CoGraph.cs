using Baco.Graph;
using Baco.Numerics;

namespace Baco.Clustering.Community;

/// <summary>
/// A weighted undirected graph whose nodes carry a user degree KU and an item degree KD (a user
/// node has KD = 0, an item node KU = 0, an aggregated node the sums of its members). This is the
/// state Louvain and Leiden work on for bipartite modularity: the null model of a community pair
/// only needs the KU and KD sums. Symmetric CSR; self-loops (internal weight) are kept apart.
/// </summary>
internal sealed class CoGraph
{
    public CoGraph(int nodeCount, int[] offsets, int[] targets, double[] weights, double[] ku, double[] kd, double[] selfWeight, double m)
    {
        NodeCount = nodeCount;
        Offsets = offsets;
        Targets = targets;
        Weights = weights;
        KU = ku;
        KD = kd;
        SelfWeight = selfWeight;
        M = m;
    }

    public int NodeCount { get; }

    public int[] Offsets { get; }

    public int[] Targets { get; }

    public double[] Weights { get; }

    public double[] KU { get; }

    public double[] KD { get; }

    /// <summary>Weight of interactions inside each node (after aggregation).</summary>
    public double[] SelfWeight { get; }

    /// <summary>Total interaction weight m of the original graph.</summary>
    public double M { get; }

    /// <summary>Level 0: users are nodes 0..U-1, items U..U+I-1, unit weights.</summary>
    public static CoGraph FromBipartite(BipartiteGraph g)
    {
        int u = g.UserCount, n = g.UserCount + g.ItemCount;
        var (offsets, targets) = g.JointAdjacency();
        var weights = new double[targets.Length];
        var ku = new double[n];
        var kd = new double[n];
        for (int x = 0; x < u; x++)
        {
            ku[x] = g.UserDegree(x);
        }

        for (int i = 0; i < g.ItemCount; i++)
        {
            kd[u + i] = g.ItemDegree(i);
        }

        Array.Fill(weights, 1.0);
        return new CoGraph(n, offsets, targets, weights, ku, kd, new double[n], g.EdgeCount);
    }

    /// <summary>The graph of communities: one node per label 0..count-1, weights summed.</summary>
    public CoGraph Aggregate(int[] labels, int count)
    {
        var ku = new double[count];
        var kd = new double[count];
        var self = new double[count];
        var memberOffsets = new int[count + 1];
        for (int v = 0; v < NodeCount; v++)
        {
            memberOffsets[labels[v] + 1]++;
            ku[labels[v]] += KU[v];
            kd[labels[v]] += KD[v];
            self[labels[v]] += SelfWeight[v];
        }

        for (int c = 0; c < count; c++)
        {
            memberOffsets[c + 1] += memberOffsets[c];
        }

        var members = new int[NodeCount];
        var cursor = (int[])memberOffsets.Clone();
        for (int v = 0; v < NodeCount; v++)
        {
            members[cursor[labels[v]]++] = v;
        }

        var offsets = new int[count + 1];
        var targets = new List<int>();
        var weights = new List<double>();
        var weightTo = new SparseAccumulator(count);
        for (int c = 0; c < count; c++)
        {
            weightTo.Clear();
            for (int k = memberOffsets[c]; k < memberOffsets[c + 1]; k++)
            {
                int v = members[k];
                for (int p = Offsets[v]; p < Offsets[v + 1]; p++)
                {
                    int d = labels[Targets[p]];
                    if (d == c)
                    {
                        // Each internal edge is seen from both ends: count half per end.
                        self[c] += Weights[p] / 2;
                        continue;
                    }

                    weightTo.Add(d, Weights[p]);
                }
            }

            weightTo.SortKeys();
            foreach (int d in weightTo.Keys)
            {
                targets.Add(d);
                weights.Add(weightTo[d]);
            }

            offsets[c + 1] = targets.Count;
        }

        return new CoGraph(count, offsets, [.. targets], [.. weights], ku, kd, self, M);
    }
}
