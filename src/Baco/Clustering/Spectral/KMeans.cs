using System.Numerics;

using Baco.Numerics;

using Baco.Randomness;

namespace Baco.Clustering.Spectral;

/// <summary>
/// k-means with k-means++ seeding (Arthur and Vassilvitskii 2007) and Lloyd iterations accelerated
/// by Hamerly's bounds (Hamerly 2010: an upper bound to the own centre, a lower bound to every
/// other centre) and, when those fail, an exact candidate test: if d(x, own) is at most half
/// the distance r from the own centre to its 32nd nearest centre, every centre outside those 32
/// is at least r - d(x, own) &gt;= d(x, own) away, so only the 32 need scanning. Float kernels vectorised across points (seeding) or across centres (assignment,
/// |x|^2 + |c|^2 - 2 x.c). Work is split into fixed blocks, each done by one thread in a fixed
/// order, and sums across blocks are added in block order, so the result depends only on the seed.
/// </summary>
internal static class KMeans
{
    internal const int Block = 1024;

    /// <summary>Nearest other centres kept per centre for the candidate test of Lloyd steps.</summary>
    internal const int Near = 32;

    /// <summary>Cluster of each of the n points (row-major n x d); at most k distinct labels.</summary>
    public static int[] Run(double[] points, int n, int d, int k, ulong seed, int maxIterations, out int iterations)
    {
        int w = Vector<float>.Count;
        int nPad = (n + w - 1) / w * w;
        var x = new float[n * d];
        var xs = new float[d * nPad];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                x[(i * d) + j] = (float)points[(i * d) + j];
                xs[(j * nPad) + i] = x[(i * d) + j];
            }
        }

        k = Math.Max(1, Math.Min(k, n));
        var rng = new SplitMix64(seed);
        var nearest = new int[nPad];
        var d2 = new float[nPad];
        float[] centers = Seed(x, xs, n, nPad, d, k, rng, nearest, d2, out int kEff);
        return new LloydIterations(x, n, d, centers, kEff, nearest, d2).Run(maxIterations, out iterations);
    }

    internal static float Distance2(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float s = 0;
        for (int j = 0; j < a.Length; j++)
        {
            float t = a[j] - b[j];
            s += t * t;
        }

        return s;
    }

    /// <summary>
    /// k-means++: each next centre drawn with probability proportional to D(x)^2. Leaves in
    /// <paramref name="nearest"/> and <paramref name="d2"/> each point's nearest seed and squared
    /// distance, which are Lloyd's first assignment.
    /// </summary>
    private static float[] Seed(float[] x, float[] xs, int n, int nPad, int d, int k, SplitMix64 rng, int[] nearest, float[] d2, out int kEff)
    {
        int w = Vector<float>.Count;
        var centers = new float[k * d];
        int blocks = (n + Block - 1) / Block;
        var blockSum = new double[blocks];
        int first = rng.NextInt(n);
        x.AsSpan(first * d, d).CopyTo(centers.AsSpan(0, d));
        Array.Fill(d2, float.PositiveInfinity);
        kEff = 1;
        Update(0);
        for (int c = 1; c < k; c++)
        {
            double total = 0;
            for (int b = 0; b < blocks; b++)
            {
                total += blockSum[b];
            }

            if (!(total > 0))
            {
                break;
            }

            double r = rng.NextDouble() * total;
            int pick = -1;
            for (int b = 0; b < blocks && pick < 0; b++)
            {
                if (r >= blockSum[b] && b < blocks - 1)
                {
                    r -= blockSum[b];
                    continue;
                }

                for (int i = b * Block; i < Math.Min(n, (b + 1) * Block); i++)
                {
                    if (d2[i] > 0)
                    {
                        pick = i;
                        r -= d2[i];
                        if (r < 0)
                        {
                            break;
                        }
                    }
                }
            }

            x.AsSpan(pick * d, d).CopyTo(centers.AsSpan(c * d, d));
            kEff = c + 1;
            Update(c);
        }

        return centers;

        void Update(int c)
        {
            var center = centers.AsSpan(c * d, d).ToArray();
            BlockParallel.Blocks(blocks, b =>
            {
                int from = b * Block, to = Math.Min(nPad, (b + 1) * Block);
                for (int i = from; i < to; i += w)
                {
                    var acc = Vector<float>.Zero;
                    for (int j = 0; j < d; j++)
                    {
                        var diff = new Vector<float>(xs, (j * nPad) + i) - new Vector<float>(center[j]);
                        acc += diff * diff;
                    }

                    var current = new Vector<float>(d2, i);
                    Vector.ConditionalSelect(Vector.LessThan(acc, current), new Vector<int>(c), new Vector<int>(nearest, i)).CopyTo(nearest, i);
                    Vector.Min(acc, current).CopyTo(d2, i);
                }

                double sum = 0;
                for (int i = from; i < Math.Min(n, to); i++)
                {
                    sum += d2[i];
                }

                blockSum[b] = sum;
            });
        }
    }
}
