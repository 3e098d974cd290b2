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
        int userRows = Number(clusters.UserLabels, graph.UserOffsets, policy, userRowOf, out int[] primary);
        var itemRowOf = new int[labelSpace];
        int itemRows = Number(clusters.ItemLabels, graph.ItemOffsets, policy, itemRowOf, out int[] itemCodes);

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

        return new CodebookAssignment("baco", usersSide, SideAssignment.FromLabels(itemCodes, itemRows));
    }

    /// <summary>Dense row per label of one side; isolated entities per the policy. Returns the row count.</summary>
    private static int Number(int[] labels, int[] offsets, IsolatedPolicy policy, int[] rowOf, out int[] codes)
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

        int coldRow = anyIsolated ? rows++ : -1;
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
