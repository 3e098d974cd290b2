using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering.Baco;

/// <summary>
/// Turns BACO's joint labels into codebook rows (docs/METHOD.md, "Codebook numbering"): labels
/// are renumbered densely per side in order of first appearance by entity id, so a co-cluster
/// with users and items has one user row and one item row.
/// </summary>
internal static class CodebookNumbering
{
    public static CodebookAssignment Build(BipartiteGraph graph, CoClustering clusters, int[]? secondary, IsolatedPolicy policy)
    {
        int labelSpace = graph.UserCount + graph.ItemCount;
        var userRowOf = new int[labelSpace];
        int userRows = Number(clusters.UserLabels, graph.UserOffsets, policy, userRowOf, out int[] primary, out int userCold);
        var itemRowOf = new int[labelSpace];
        int itemRows = Number(clusters.ItemLabels, graph.ItemOffsets, policy, itemRowOf, out int[] itemCodes, out int itemCold);

        SideAssignment usersSide;
        if (secondary is null)
        {
            usersSide = SideAssignment.FromLabels(primary, userRows);
        }
        else
        {
            int users = graph.UserCount;
            var offsets = new long[users + 1];
            int total = 0;
            for (int u = 0; u < users; u++)
            {
                total += secondary[u] >= 0 ? 2 : 1;
            }

            var codes = new int[total];
            int k = 0;
            for (int u = 0; u < users; u++)
            {
                offsets[u] = k;
                codes[k++] = primary[u];
                if (secondary[u] >= 0)
                {
                    codes[k++] = userRowOf[secondary[u]];
                }
            }

            offsets[users] = k;
            usersSide = new SideAssignment(userRows, codes, offsets);
        }

        // Row links of the co-clusters: the user row and the item row of one label.
        var links = new int[userRows];
        Array.Fill(links, -1);
        for (int label = 0; label < labelSpace; label++)
        {
            if (userRowOf[label] >= 0)
            {
                links[userRowOf[label]] = itemRowOf[label];
            }
        }

        return new CodebookAssignment("baco", usersSide, SideAssignment.FromLabels(itemCodes, itemRows)) { ItemRowOfUserRow = links, UserColdRow = userCold, ItemColdRow = itemCold };
    }

    /// <summary>Dense row per label of one side; isolated entities per the policy. Returns the row count.</summary>
    private static int Number(int[] labels, int[] offsets, IsolatedPolicy policy, int[] rowOf, out int[] codes, out int coldRow)
    {
        Array.Fill(rowOf, -1);
        codes = new int[labels.Length];
        int rows = 0;
        bool anyIsolated = false;
        for (int e = 0; e < labels.Length; e++)
        {
            if (offsets[e + 1] == offsets[e] && policy == IsolatedPolicy.SharedColdRow)
            {
                anyIsolated = true;
                continue;
            }

            ref int row = ref rowOf[labels[e]];
            if (row < 0)
            {
                row = rows++;
            }

            codes[e] = row;
        }

        coldRow = anyIsolated ? rows++ : -1;
        if (anyIsolated)
        {
            for (int e = 0; e < labels.Length; e++)
            {
                if (offsets[e + 1] == offsets[e])
                {
                    codes[e] = coldRow;
                }
            }
        }

        return rows;
    }
}
