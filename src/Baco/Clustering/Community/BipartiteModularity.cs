using Baco.Graph;

namespace Baco.Clustering.Community;

/// <summary>
/// Barber's bipartite modularity (Barber 2007, "Modularity and community detection in bipartite
/// networks") with a resolution: Q = (1/m) sum_ui (B_ui - gamma k_u d_i / m) delta(g_u, h_i),
/// where users and items share one label space.
/// </summary>
public static class BipartiteModularity
{
    /// <summary>Q of a co-clustering given by per-user and per-item labels.</summary>
    public static double Compute(BipartiteGraph graph, int[] userLabels, int[] itemLabels, double gamma = 1.0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(userLabels);
        ArgumentNullException.ThrowIfNull(itemLabels);
        double m = graph.EdgeCount;
        if (m == 0)
        {
            return 0;
        }

        var ku = new Dictionary<int, double>();
        var kd = new Dictionary<int, double>();
        double inside = 0;
        for (int u = 0; u < graph.UserCount; u++)
        {
            ku[userLabels[u]] = ku.GetValueOrDefault(userLabels[u]) + graph.UserDegree(u);
            foreach (int i in graph.ItemsOf(u))
            {
                if (itemLabels[i] == userLabels[u])
                {
                    inside++;
                }
            }
        }

        for (int i = 0; i < graph.ItemCount; i++)
        {
            kd[itemLabels[i]] = kd.GetValueOrDefault(itemLabels[i]) + graph.ItemDegree(i);
        }

        // Sorted keys: a fixed summation order, so Q is reproducible to the last bit.
        double penalty = 0;
        foreach (int c in ku.Keys.Order())
        {
            if (kd.TryGetValue(c, out double d))
            {
                penalty += ku[c] * d;
            }
        }

        return (inside - (gamma * penalty / m)) / m;
    }
}
