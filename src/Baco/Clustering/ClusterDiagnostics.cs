using Baco.Graph;

namespace Baco.Clustering;

/// <summary>Cluster diagnostics from the paper (docs/METHOD.md, "Cluster diagnostics").</summary>
public static class ClusterDiagnostics
{
    /// <summary>
    /// Gini coefficient of cluster sizes: with sizes ascending,
    /// (2 / K) * sum_i (i / K - cumulative share up to i). 0 for equal sizes, towards 1 for one giant cluster.
    /// </summary>
    public static double Gini(ReadOnlySpan<int> sizes)
    {
        int k = sizes.Length;
        if (k == 0)
        {
            return 0;
        }

        var sorted = sizes.ToArray();
        Array.Sort(sorted);
        double total = 0;
        foreach (int s in sorted)
        {
            total += s;
        }

        if (total <= 0)
        {
            return 0;
        }

        double cumulative = 0, sum = 0;
        for (int i = 1; i <= k; i++)
        {
            cumulative += sorted[i - 1];
            sum += ((double)i / k) - (cumulative / total);
        }

        return 2.0 / k * sum;
    }

    /// <summary>
    /// Sizes of co-clusters given joint labels (users and items in one label space):
    /// users plus items holding each label, in ascending label order, empty labels left out.
    /// </summary>
    public static int[] CoClusterSizes(ReadOnlySpan<int> userLabels, ReadOnlySpan<int> itemLabels, int labelSpace)
    {
        var sizes = new int[labelSpace];
        foreach (int c in userLabels)
        {
            sizes[c]++;
        }

        foreach (int c in itemLabels)
        {
            sizes[c]++;
        }

        return [.. sizes.Where(s => s > 0)];
    }

    /// <summary>
    /// ACCL: interactions joining two different co-clusters divided by K choose 2
    /// (0 when there are fewer than two co-clusters).
    /// </summary>
    public static double Accl(BipartiteGraph graph, ReadOnlySpan<int> userLabels, ReadOnlySpan<int> itemLabels, int coClusters)
    {
        long cross = 0;
        for (int u = 0; u < graph.UserCount; u++)
        {
            int lu = userLabels[u];
            foreach (int i in graph.ItemsOf(u))
            {
                if (itemLabels[i] != lu)
                {
                    cross++;
                }
            }
        }

        double pairs = coClusters * (coClusters - 1.0) / 2.0;
        return pairs > 0 ? cross / pairs : 0;
    }
}
