using System.Numerics;
using System.Runtime.InteropServices;

namespace Baco.Clustering.Baselines;

/// <summary>
/// k-means with k-means++ seeding (Arthur and Vassilvitskii 2007) and Lloyd iterations accelerated
/// by Hamerly's bounds (Hamerly 2010: an upper bound to the own centre, a lower bound to every
/// other). Points are float rows padded to the SIMD width. Work is split into fixed blocks, each
/// done by one thread in a fixed order, and sums that cross blocks are added in block order, so the
/// result depends only on the seed.
/// </summary>
internal static class KMeans
{
    private const int Block = 1024;

    /// <summary>Cluster of each of the n points (row-major n x d); at most k distinct labels.</summary>
    public static int[] Run(double[] points, int n, int d, int k, ulong seed, int maxIterations, out int iterations)
    {
        int w = Vector<float>.Count;
        int dp = Math.Max(w, (d + w - 1) / w * w);
        var x = new float[(long)n * dp];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                x[((long)i * dp) + j] = (float)points[((long)i * d) + j];
            }
        }

        k = Math.Max(1, Math.Min(k, n));
        var rng = new SplitMix64(seed);
        float[] centers = Seed(x, n, dp, k, ref rng, out int kEff);
        return Lloyd(x, n, dp, centers, kEff, maxIterations, out iterations);
    }

    private static float Distance2(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (int t = 0; t < va.Length; t++)
        {
            var diff = va[t] - vb[t];
            acc += diff * diff;
        }

        return Vector.Sum(acc);
    }

    /// <summary>k-means++: each next centre drawn with probability proportional to D(x)^2.</summary>
    private static float[] Seed(float[] x, int n, int dp, int k, ref SplitMix64 rng, out int kEff)
    {
        var centers = new float[(long)k * dp];
        var d2 = new float[n];
        int blocks = (n + Block - 1) / Block;
        var blockSum = new double[blocks];
        int first = rng.NextInt(n);
        x.AsSpan(first * dp, dp).CopyTo(centers.AsSpan(0, dp));
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

            x.AsSpan(pick * dp, dp).CopyTo(centers.AsSpan(c * dp, dp));
            kEff = c + 1;
            Update(c);
        }

        return centers;

        void Update(int c)
        {
            var center = centers.AsSpan(c * dp, dp).ToArray();
            Parallel.For(0, blocks, b =>
            {
                double sum = 0;
                for (int i = b * Block; i < Math.Min(n, (b + 1) * Block); i++)
                {
                    float dist = Distance2(x.AsSpan(i * dp, dp), center);
                    if (dist < d2[i])
                    {
                        d2[i] = dist;
                    }

                    sum += d2[i];
                }

                blockSum[b] = sum;
            });
        }
    }

    private static int[] Lloyd(float[] x, int n, int dp, float[] centers, int k, int maxIterations, out int iterations)
    {
        var label = new int[n];
        var upper = new float[n];
        var lower = new float[n];
        int blocks = (n + Block - 1) / Block;
        var changedPerBlock = new int[blocks];
        var shift = new float[k];

        // First assignment: full scan for every point.
        Parallel.For(0, blocks, b =>
        {
            for (int i = b * Block; i < Math.Min(n, (b + 1) * Block); i++)
            {
                Scan(i);
            }
        });

        var sums = new double[(long)k * dp];
        var counts = new int[k];
        iterations = 0;
        for (int it = 0; it < maxIterations; it++)
        {
            iterations++;

            // New centres: sequential sums over points (fixed order), empty clusters stay put.
            Array.Clear(sums);
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                int c = label[i];
                counts[c]++;
                var row = x.AsSpan(i * dp, dp);
                long o = (long)c * dp;
                for (int j = 0; j < dp; j++)
                {
                    sums[o + j] += row[j];
                }
            }

            float maxShift = 0;
            var fresh = new float[dp];
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    shift[c] = 0;
                    continue;
                }

                long o = (long)c * dp;
                for (int j = 0; j < dp; j++)
                {
                    fresh[j] = (float)(sums[o + j] / counts[c]);
                }

                shift[c] = MathF.Sqrt(Distance2(fresh, centers.AsSpan((int)o, dp)));
                fresh.CopyTo(centers.AsSpan((int)o, dp));
                maxShift = Math.Max(maxShift, shift[c]);
            }

            if (maxShift == 0)
            {
                break;
            }

            Array.Clear(changedPerBlock);
            Parallel.For(0, blocks, b =>
            {
                int changed = 0;
                for (int i = b * Block; i < Math.Min(n, (b + 1) * Block); i++)
                {
                    upper[i] += shift[label[i]];
                    lower[i] -= maxShift;
                    if (upper[i] <= lower[i])
                    {
                        continue;
                    }

                    upper[i] = MathF.Sqrt(Distance2(x.AsSpan(i * dp, dp), centers.AsSpan(label[i] * dp, dp)));
                    if (upper[i] <= lower[i])
                    {
                        continue;
                    }

                    int before = label[i];
                    Scan(i);
                    if (label[i] != before)
                    {
                        changed++;
                    }
                }

                changedPerBlock[b] = changed;
            });

            int changes = changedPerBlock.Sum();
            if (changes == 0 || changes < n * 1e-4)
            {
                break;
            }
        }

        return label;

        void Scan(int i)
        {
            var row = x.AsSpan(i * dp, dp);
            float best = float.PositiveInfinity, second = float.PositiveInfinity;
            int bestC = 0;
            for (int c = 0; c < k; c++)
            {
                float dist = Distance2(row, centers.AsSpan(c * dp, dp));
                if (dist < best)
                {
                    second = best;
                    best = dist;
                    bestC = c;
                }
                else if (dist < second)
                {
                    second = dist;
                }
            }

            label[i] = bestC;
            upper[i] = MathF.Sqrt(best);
            lower[i] = MathF.Sqrt(second);
        }
    }
}
