using Baco.Graph;

namespace Baco.Codebooks;

/// <summary>
/// Turns co-cluster labels (one label space shared by users and items) into codebook rows
/// (docs/METHOD.md, "Codebook numbering"), for BACO and every graph baseline alike. Per side,
/// labels become rows in order of first appearance by entity id, so a co-cluster holding users
/// and items has one user row and one item row, linked. Entities without a training interaction
/// carry no signal a clustering could use: with a shared cold row they all take one last row of
/// their side, whatever their label.
/// </summary>
internal static class CoClusterNumbering
{
    /// <summary>
    /// The assignment of <paramref name="method"/>. <paramref name="secondaryUserLabels"/> (-1:
    /// none) gives users a second code, the row of that label among the user rows;
    /// <paramref name="secondaryItemLabels"/> the same for items.
    /// </summary>
    public static CodebookAssignment Build(string method, BipartiteGraph graph, int[] userLabels, int[] itemLabels,
        int[]? secondaryUserLabels = null, bool sharedColdRow = true, int[]? secondaryItemLabels = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var userRows = new LabelRows(userLabels);
        var itemRows = new LabelRows(itemLabels);
        int[] users = Number(userLabels, graph.UserOffsetArray, sharedColdRow, userRows, out int ku, out int userCold);
        int[] items = Number(itemLabels, graph.ItemOffsetArray, sharedColdRow, itemRows, out int ki, out int itemCold);

        // The item row of each user row's label (-1: no item holds it, or the cold row).
        var links = new int[ku];
        Array.Fill(links, -1);
        foreach (var (label, row) in userRows.Rows())
        {
            links[row] = itemRows.RowOf(label);
        }

        var usersSide = secondaryUserLabels is null ? SideAssignment.FromLabels(users, ku) : WithSecondary(users, secondaryUserLabels, userRows, ku);
        var itemsSide = secondaryItemLabels is null ? SideAssignment.FromLabels(items, ki) : WithSecondary(items, secondaryItemLabels, itemRows, ki);
        return new CodebookAssignment(method, usersSide, itemsSide)
        {
            ItemRowOfUserRow = links,
            UserColdRow = userCold,
            ItemColdRow = itemCold,
        };
    }

    /// <summary>Labels renumbered 0..count-1 in order of first appearance.</summary>
    public static int[] Dense(int[] labels, out int count)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var rows = new LabelRows(labels);
        var dense = new int[labels.Length];
        for (int e = 0; e < labels.Length; e++)
        {
            dense[e] = rows.RowOrAdd(labels[e]);
        }

        count = rows.Count;
        return dense;
    }

    private static int[] Number(int[] labels, int[] offsets, bool sharedColdRow, LabelRows rows, out int rowCount, out int coldRow)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != offsets.Length - 1)
        {
            throw new ArgumentException($"Expected {offsets.Length - 1} labels, got {labels.Length}.", nameof(labels));
        }

        var codes = new int[labels.Length];
        bool anyIsolated = false;
        for (int e = 0; e < labels.Length; e++)
        {
            if (sharedColdRow && offsets[e + 1] == offsets[e])
            {
                anyIsolated = true;
                codes[e] = -1;
                continue;
            }

            codes[e] = rows.RowOrAdd(labels[e]);
        }

        rowCount = rows.Count;
        coldRow = anyIsolated ? rowCount++ : -1;
        if (anyIsolated)
        {
            for (int e = 0; e < codes.Length; e++)
            {
                if (codes[e] < 0)
                {
                    codes[e] = coldRow;
                }
            }
        }

        return codes;
    }

    private static SideAssignment WithSecondary(int[] primary, int[] secondaryLabels, LabelRows rows, int rowCount)
    {
        int entities = primary.Length;
        var offsets = new long[entities + 1];
        var codes = new List<int>(entities * 2);
        for (int e = 0; e < entities; e++)
        {
            offsets[e] = codes.Count;
            codes.Add(primary[e]);
            if (secondaryLabels[e] >= 0)
            {
                codes.Add(rows.RowOf(secondaryLabels[e]));
            }
        }

        offsets[entities] = codes.Count;
        return new SideAssignment(rowCount, [.. codes], offsets);
    }

    /// <summary>Label -> row, by an array when labels are small non-negative ints (BACO's, the baselines'), else a dictionary.</summary>
    private sealed class LabelRows
    {
        private readonly int[]? _array;
        private readonly Dictionary<int, int>? _map;
        private readonly List<int> _labelsInOrder = [];

        public LabelRows(int[] labels)
        {
            int max = -1;
            bool negative = false;
            foreach (int label in labels)
            {
                max = Math.Max(max, label);
                negative |= label < 0;
            }

            if (!negative && max < Math.Max(1024, 4L * labels.Length))
            {
                _array = new int[max + 1];
                Array.Fill(_array, -1);
            }
            else
            {
                _map = [];
            }
        }

        public int Count => _labelsInOrder.Count;

        public int RowOrAdd(int label)
        {
            int row = RowOf(label);
            if (row >= 0)
            {
                return row;
            }

            row = _labelsInOrder.Count;
            _labelsInOrder.Add(label);
            if (_array is not null)
            {
                _array[label] = row;
            }
            else
            {
                _map!.Add(label, row);
            }

            return row;
        }

        /// <summary>The label's row, or -1 when no entity numbered so far holds it.</summary>
        public int RowOf(int label)
            => _array is not null ? ((uint)label < (uint)_array.Length ? _array[label] : -1) : _map!.GetValueOrDefault(label, -1);

        /// <summary>(label, row) pairs in row order.</summary>
        public IEnumerable<(int Label, int Row)> Rows() => _labelsInOrder.Select((label, row) => (label, row));
    }
}
