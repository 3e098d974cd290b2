using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering.Baselines;

/// <summary>
/// Turns co-cluster labels (one label space shared by users and items) into a codebook
/// assignment: labels held by users are renumbered densely to user rows in order of first
/// appearance, items likewise. Policy for isolated entities (no training interaction), the same
/// for every graph baseline: they carry no signal a clustering could use, so all isolated users
/// share one "cold" user row and all isolated items one cold item row (the last row of each side,
/// present only if there is such an entity). Their labels are ignored.
/// </summary>
public static class LabelsToAssignment
{
    /// <summary>Builds the assignment from per-user and per-item labels (any non-negative ints).</summary>
    public static CodebookAssignment Build(string method, BipartiteGraph graph, int[] userLabels, int[] itemLabels)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var users = Side(userLabels, graph.UserOffsets, out int ku);
        var items = Side(itemLabels, graph.ItemOffsets, out int ki);
        var itemRowOfLabel = new Dictionary<int, int>();
        for (int i = 0; i < items.Length; i++)
        {
            if (graph.ItemOffsets[i + 1] > graph.ItemOffsets[i])
            {
                itemRowOfLabel.TryAdd(itemLabels[i], items[i]);
            }
        }

        // The item row of each user row's label (-1: no item holds it, or the cold row).
        var links = new int[ku];
        Array.Fill(links, -1);
        for (int u = 0; u < users.Length; u++)
        {
            if (graph.UserOffsets[u + 1] > graph.UserOffsets[u])
            {
                links[users[u]] = itemRowOfLabel.GetValueOrDefault(userLabels[u], -1);
            }
        }

        return new CodebookAssignment(method, SideAssignment.FromLabels(users, ku), SideAssignment.FromLabels(items, ki))
        {
            ItemRowOfUserRow = links,
            UserColdRow = HasIsolated(graph.UserOffsets) ? ku - 1 : -1,
            ItemColdRow = HasIsolated(graph.ItemOffsets) ? ki - 1 : -1,
        };
    }

    private static bool HasIsolated(int[] offsets)
    {
        for (int e = 0; e + 1 < offsets.Length; e++)
        {
            if (offsets[e + 1] == offsets[e])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Dense codes of one side; offsets give degrees (zero degree = isolated).</summary>
    internal static int[] Side(int[] labels, int[] offsets, out int rows)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != offsets.Length - 1)
        {
            throw new ArgumentException($"Expected {offsets.Length - 1} labels, got {labels.Length}.", nameof(labels));
        }

        var map = new Dictionary<int, int>();
        var codes = new int[labels.Length];
        bool anyIsolated = false;
        for (int e = 0; e < labels.Length; e++)
        {
            if (offsets[e + 1] == offsets[e])
            {
                anyIsolated = true;
                codes[e] = -1;
                continue;
            }

            if (!map.TryGetValue(labels[e], out int code))
            {
                code = map.Count;
                map.Add(labels[e], code);
            }

            codes[e] = code;
        }

        rows = map.Count;
        if (anyIsolated)
        {
            int cold = rows++;
            for (int e = 0; e < codes.Length; e++)
            {
                if (codes[e] < 0)
                {
                    codes[e] = cold;
                }
            }
        }

        return codes;
    }
}
