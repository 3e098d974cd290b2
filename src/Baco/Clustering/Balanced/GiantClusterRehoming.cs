using Baco.Graph;

namespace Baco.Clustering.Balanced;

/// <summary>
/// Experimental (docs/METHOD.md, "Rehoming the giant co-cluster"; <see cref="BacoOptions.RehomeAbove"/>,
/// <see cref="BacoOptions.RehomeItemsAbove"/>): users (or items) of an oversized primary
/// co-cluster move to their secondary co-cluster, which becomes their only row. At tight budgets
/// label propagation gathers thousands of low-degree users into one co-cluster whose single row
/// cannot tell them apart; their secondary co-cluster is the best other co-cluster among their
/// items', so it carries what they interacted with.
/// </summary>
internal static class GiantClusterRehoming
{
    /// <summary>
    /// New primary and secondary labels of the users, and how many moved. Isolated users and
    /// users without a secondary label stay. A secondary label that no user holds as primary any
    /// more (its users all moved out) is dropped, since it has no user row.
    /// </summary>
    public static (int[] Primary, int[] Secondary, int Moved) Apply(BipartiteGraph graph, int[] primary, int[] secondary, double share)
        => Apply(graph.UserOffsetArray, primary, secondary, share);

    /// <summary>The same for one side given by its CSR offsets (users' or items').</summary>
    public static (int[] Primary, int[] Secondary, int Moved) Apply(int[] offsets, int[] primary, int[] secondary, double share)
    {
        int users = offsets.Length - 1;
        var counts = new Dictionary<int, int>();
        int connected = 0;
        for (int u = 0; u < users; u++)
        {
            if (offsets[u + 1] > offsets[u])
            {
                connected++;
                counts[primary[u]] = counts.GetValueOrDefault(primary[u]) + 1;
            }
        }

        double limit = share * connected;
        var newPrimary = (int[])primary.Clone();
        var newSecondary = (int[])secondary.Clone();
        int moved = 0;
        for (int u = 0; u < users; u++)
        {
            if (offsets[u + 1] > offsets[u] && secondary[u] >= 0 && counts[primary[u]] > limit)
            {
                newPrimary[u] = secondary[u];
                newSecondary[u] = -1;
                moved++;
            }
        }

        var held = new HashSet<int>();
        for (int u = 0; u < users; u++)
        {
            held.Add(newPrimary[u]);
        }

        for (int u = 0; u < users; u++)
        {
            if (newSecondary[u] >= 0 && !held.Contains(newSecondary[u]))
            {
                newSecondary[u] = -1;
            }
        }

        return (newPrimary, newSecondary, moved);
    }
}
