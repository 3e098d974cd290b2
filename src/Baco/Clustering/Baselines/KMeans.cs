using System.Numerics;

using Baco.Numerics;

using Baco.Randomness;

namespace Baco.Clustering.Baselines;

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
    private const int Block = 1024;

    /// <summary>Nearest other centres kept per centre for the candidate test of Lloyd steps.</summary>
    private const int Near = 32;

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
        return Lloyd(x, n, d, centers, kEff, maxIterations, nearest, d2, out iterations);
    }

    private static float Distance2(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
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

    private static int[] Lloyd(float[] x, int n, int d, float[] centers, int k, int maxIterations, int[] nearest, float[] d2, out int iterations)
    {
        int w = Vector<float>.Count;
        int kPad = (k + w - 1) / w * w;
        var cs = new float[d * kPad];
        var cNorm = new float[kPad];
        var label = new int[n];
        var upper = new float[n];
        var lower = new float[n];
        int blocks = (n + Block - 1) / Block;
        var changedPerBlock = new int[blocks];
        var shift = new float[k];
        var laneIndex = new int[w];
        for (int t = 0; t < w; t++)
        {
            laneIndex[t] = t;
        }

        var lane = new Vector<int>(laneIndex);
        int near = Math.Min(Near, k - 1);
        var nearList = new int[k * Math.Max(near, 1)];
        var nearRadius = new float[k];
        Transpose();

        // First assignment: the nearest seed, known from the seeding; no lower bound yet.
        for (int i = 0; i < n; i++)
        {
            label[i] = nearest[i];
            upper[i] = MathF.Sqrt(d2[i]);
        }

        var sums = new double[k * d];
        var counts = new int[k];
        var fresh = new float[d];
        iterations = 0;
        for (int it = 0; it < maxIterations; it++)
        {
            iterations++;

            // New centres: sequential sums over points (fixed order); empty clusters stay put.
            Array.Clear(sums);
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                int c = label[i];
                counts[c]++;
                for (int j = 0; j < d; j++)
                {
                    sums[(c * d) + j] += x[(i * d) + j];
                }
            }

            float maxShift = 0, secondShift = 0;
            int maxCenter = -1;
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    shift[c] = 0;
                    continue;
                }

                for (int j = 0; j < d; j++)
                {
                    fresh[j] = (float)(sums[(c * d) + j] / counts[c]);
                }

                shift[c] = MathF.Sqrt(Distance2(fresh, centers.AsSpan(c * d, d)));
                fresh.CopyTo(centers.AsSpan(c * d, d));
                if (shift[c] > maxShift)
                {
                    secondShift = maxShift;
                    maxShift = shift[c];
                    maxCenter = c;
                }
                else
                {
                    secondShift = Math.Max(secondShift, shift[c]);
                }
            }

            if (maxShift == 0)
            {
                break;
            }

            Transpose();
            Neighbours();
            BlockParallel.Blocks(blocks, b =>
            {
                int changed = 0;
                for (int i = b * Block; i < Math.Min(n, (b + 1) * Block); i++)
                {
                    // The nearest other centre moved at most the largest shift among the others.
                    upper[i] += shift[label[i]];
                    lower[i] -= label[i] == maxCenter ? secondShift : maxShift;
                    if (upper[i] <= lower[i])
                    {
                        continue;
                    }

                    upper[i] = MathF.Sqrt(Distance2(x.AsSpan(i * d, d), centers.AsSpan(label[i] * d, d)));
                    if (upper[i] <= lower[i])
                    {
                        continue;
                    }

                    int before = label[i];
                    if (upper[i] <= nearRadius[before] / 2)
                    {
                        ScanNear(i);
                    }
                    else
                    {
                        Scan(i);
                    }

                    if (label[i] != before)
                    {
                        changed++;
                    }
                }

                changedPerBlock[b] = changed;
            });

            int changes = changedPerBlock.Sum();
            if (changes == 0 || changes < n * 1e-3)
            {
                break;
            }
        }

        return label;

        void Transpose()
        {
            for (int c = 0; c < kPad; c++)
            {
                float norm = 0;
                for (int j = 0; j < d; j++)
                {
                    float v = c < k ? centers[(c * d) + j] : 0;
                    cs[(j * kPad) + c] = v;
                    norm += v * v;
                }

                // Padding centres can never win.
                cNorm[c] = c < k ? norm : float.MaxValue / 4;
            }
        }

        // For each centre, its 'near' nearest other centres and the distance to the last of them.
        void Neighbours()
        {
            if (near <= 0)
            {
                return;
            }

            int cBlocks = (k + 63) / 64;
            BlockParallel.Blocks(cBlocks, cb =>
            {
                var bestD = new float[near];
                var bestI = new int[near];
                for (int c = cb * 64; c < Math.Min(k, (cb + 1) * 64); c++)
                {
                    Array.Fill(bestD, float.MaxValue);
                    var own = centers.AsSpan(c * d, d);
                    for (int j0 = 0; j0 < kPad; j0 += w)
                    {
                        var dot = Vector<float>.Zero;
                        for (int t = 0; t < d; t++)
                        {
                            dot += new Vector<float>(own[t]) * new Vector<float>(cs, (t * kPad) + j0);
                        }

                        var dist = new Vector<float>(cNorm, j0) - (dot * 2);
                        if (!Vector.LessThanAny(dist, new Vector<float>(bestD[near - 1])))
                        {
                            continue;
                        }

                        for (int t = 0; t < w; t++)
                        {
                            int j = j0 + t;
                            float dj = dist[t];
                            if (j == c || j >= k || !(dj < bestD[near - 1]))
                            {
                                continue;
                            }

                            int pos = near - 1;
                            while (pos > 0 && (bestD[pos - 1] > dj || (bestD[pos - 1] == dj && bestI[pos - 1] > j)))
                            {
                                bestD[pos] = bestD[pos - 1];
                                bestI[pos] = bestI[pos - 1];
                                pos--;
                            }

                            bestD[pos] = dj;
                            bestI[pos] = j;
                        }
                    }

                    bestI.CopyTo(nearList, c * near);

                    // All other centres listed: the candidate test always holds.
                    nearRadius[c] = near == k - 1 ? float.PositiveInfinity : MathF.Sqrt(Math.Max(0, bestD[near - 1] + cNorm[c]));
                }
            });
        }

        // Exact nearest centre among the own centre and its near list (see the class comment).
        void ScanNear(int i)
        {
            var row = x.AsSpan(i * d, d);
            int own = label[i];
            float ownDist = upper[i];
            float best = ownDist * ownDist, second = float.MaxValue;
            int bestC = own;
            for (int t = 0; t < near; t++)
            {
                int c = nearList[(own * near) + t];
                float dist = Distance2(row, centers.AsSpan(c * d, d));
                if (dist < best || (dist == best && c < bestC))
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
            lower[i] = Math.Min(MathF.Sqrt(second), nearRadius[own] - ownDist);
        }

        void Scan(int i)
        {
            var row = x.AsSpan(i * d, d);
            float xNorm = 0;
            for (int j = 0; j < d; j++)
            {
                xNorm += row[j] * row[j];
            }

            var best = new Vector<float>(float.MaxValue);
            var second = best;
            var bestIdx = Vector<int>.Zero;
            for (int c = 0; c < kPad; c += w)
            {
                var dot = Vector<float>.Zero;
                for (int j = 0; j < d; j++)
                {
                    dot += new Vector<float>(row[j]) * new Vector<float>(cs, (j * kPad) + c);
                }

                var dist = new Vector<float>(cNorm, c) - (dot * 2);
                var better = Vector.LessThan(dist, best);
                second = Vector.ConditionalSelect(better, best, Vector.Min(second, dist));
                best = Vector.ConditionalSelect(better, dist, best);
                bestIdx = Vector.ConditionalSelect(better, lane + new Vector<int>(c), bestIdx);
            }

            // Reduce the lanes in a fixed order; ties go to the smaller centre index.
            float b1 = float.MaxValue, b2 = float.MaxValue;
            int bc = 0;
            for (int t = 0; t < w; t++)
            {
                float bt = best[t], st = second[t];
                int it = bestIdx[t];
                if (bt < b1 || (bt == b1 && it < bc))
                {
                    b2 = Math.Min(b1, st);
                    b1 = bt;
                    bc = it;
                }
                else
                {
                    b2 = Math.Min(b2, bt);
                }
            }

            label[i] = bc;
            upper[i] = MathF.Sqrt(Math.Max(0, b1 + xNorm));
            lower[i] = MathF.Sqrt(Math.Max(0, b2 + xNorm));
        }
    }
}
