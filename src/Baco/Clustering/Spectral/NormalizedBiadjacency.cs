using Baco.Graph;

using Baco.Numerics;

namespace Baco.Clustering.Spectral;

/// <summary>
/// D_u^-1/2 B D_i^-1/2 of a bipartite graph (Dhillon 2001), never formed: products walk the CSR
/// lists. Isolated rows and columns are zero. Each output row is summed by one thread in a fixed
/// order, so products are bit-for-bit reproducible.
/// </summary>
internal sealed class NormalizedBiadjacency : ILinearOperator
{
    private readonly BipartiteGraph _g;

    public NormalizedBiadjacency(BipartiteGraph g)
    {
        _g = g;
        UserScale = Scales(g.UserOffsetArray);
        ItemScale = Scales(g.ItemOffsetArray);
    }

    /// <summary>1 / sqrt(degree) per user, 0 if isolated.</summary>
    public double[] UserScale { get; }

    /// <summary>1 / sqrt(degree) per item, 0 if isolated.</summary>
    public double[] ItemScale { get; }

    public int Rows => _g.UserCount;

    public int Cols => _g.ItemCount;

    public void Apply(double[] x, double[] y, int r) => Multiply(_g.UserOffsetArray, _g.UserItemArray, UserScale, ItemScale, x, y, r);

    public void ApplyTranspose(double[] x, double[] y, int r) => Multiply(_g.ItemOffsetArray, _g.ItemUserArray, ItemScale, UserScale, x, y, r);

    private static void Multiply(int[] offsets, int[] adj, double[] rowScale, double[] colScale, double[] x, double[] y, int r)
    {
        int n = offsets.Length - 1;
        const int Block = 2048;
        int blocks = (n + Block - 1) / Block;
        BlockParallel.Blocks(blocks, b =>
        {
            for (int row = b * Block; row < Math.Min(n, (b + 1) * Block); row++)
            {
                var target = y.AsSpan(row * r, r);
                target.Clear();
                for (int p = offsets[row]; p < offsets[row + 1]; p++)
                {
                    int col = adj[p];
                    double s = colScale[col];
                    var source = x.AsSpan(col * r, r);
                    for (int j = 0; j < r; j++)
                    {
                        target[j] += s * source[j];
                    }
                }

                double rs = rowScale[row];
                for (int j = 0; j < r; j++)
                {
                    target[j] *= rs;
                }
            }
        });
    }

    private static double[] Scales(int[] offsets)
    {
        var s = new double[offsets.Length - 1];
        for (int e = 0; e < s.Length; e++)
        {
            int d = offsets[e + 1] - offsets[e];
            s[e] = d > 0 ? 1.0 / Math.Sqrt(d) : 0;
        }

        return s;
    }
}
