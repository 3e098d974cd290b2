using Baco.Graph;

namespace Baco.Clustering.Balanced;

/// <summary>Computes the per-node weights w of docs/METHOD.md, "Weighting schemes", for one side of the graph.</summary>
public static class NodeWeights
{
    /// <summary>Parses a scheme name as written on the command line (cpm, degree, sqrt, log, authors-cpm).</summary>
    public static WeightScheme Parse(string name) => Names.Parse<WeightScheme>(name, "Weights", "a weighting scheme");

    /// <summary>The command-line name of a scheme.</summary>
    public static string Name(WeightScheme scheme) => Names.Of(scheme);

    /// <summary>Weights of all users of the graph.</summary>
    public static double[] ForUsers(BipartiteGraph graph, WeightScheme scheme)
        => Compute(graph.UserOffsetArray, scheme);

    /// <summary>Weights of all items of the graph.</summary>
    public static double[] ForItems(BipartiteGraph graph, WeightScheme scheme)
        => Compute(graph.ItemOffsetArray, scheme);

    /// <summary>Weights from CSR offsets (degrees are offset differences).</summary>
    internal static double[] Compute(int[] offsets, WeightScheme scheme)
    {
        int n = offsets.Length - 1;
        var w = new double[n];
        double scale = Scale(offsets, scheme); // 1 on an edgeless side: every weight is 0 and the penalty vanishes
        for (int x = 0; x < n; x++)
        {
            w[x] = BacoFoldIn.Weight(scheme, offsets[x + 1] - offsets[x], scale);
        }

        return w;
    }

    /// <summary>The factor every raw value of the side is multiplied by: 1 / sqrt(sum of v), or 1 on an edgeless side.</summary>
    internal static double Scale(int[] offsets, WeightScheme scheme)
    {
        double total = 0;
        for (int x = 0; x + 1 < offsets.Length; x++)
        {
            total += Raw(scheme, offsets[x + 1] - offsets[x]);
        }

        return total <= 0 ? 1.0 : 1.0 / Math.Sqrt(total);
    }

    /// <summary>The scheme's raw value v for a node of degree <paramref name="deg"/>.</summary>
    internal static double Raw(WeightScheme scheme, int deg) => scheme switch
    {
        WeightScheme.Cpm or WeightScheme.AuthorsCpm => 1.0,
        WeightScheme.Degree => deg,
        WeightScheme.Sqrt => Math.Sqrt(deg),
        WeightScheme.Log => Math.Log(1.0 + deg),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
    };
}
