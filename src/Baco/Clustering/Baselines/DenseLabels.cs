namespace Baco.Clustering.Baselines;

/// <summary>Renumbering of arbitrary labels to 0..count-1 in order of first appearance.</summary>
internal static class DenseLabels
{
    public static int[] Renumber(int[] labels, out int count)
    {
        var map = new Dictionary<int, int>();
        var dense = new int[labels.Length];
        for (int v = 0; v < labels.Length; v++)
        {
            if (!map.TryGetValue(labels[v], out int d))
            {
                d = map.Count;
                map.Add(labels[v], d);
            }

            dense[v] = d;
        }

        count = map.Count;
        return dense;
    }

    /// <summary>Splits node labels of a level-0 <see cref="CoGraph"/> into user and item labels.</summary>
    public static (int[] Users, int[] Items) Split(int[] nodeLabels, int userCount)
        => (nodeLabels[..userCount], nodeLabels[userCount..]);
}
