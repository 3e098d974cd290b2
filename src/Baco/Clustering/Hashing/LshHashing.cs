using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;

using Baco.Numerics;

using Baco.Randomness;

namespace Baco.Clustering.Hashing;

/// <summary>
/// Locality-sensitive hashing of interaction vectors with random hyperplanes (SimHash; Charikar
/// 2002, "Similarity Estimation Techniques from Rounding Algorithms"), the LSH baseline of the
/// BACO paper (after Kang et al.). A user's vector is its item set, an item's its user set; bit b
/// of the signature is the sign of the sum of seeded Gaussian weights g_b over the set. Per side,
/// the number of bits is the smallest whose buckets are at least the side's rows; buckets are then
/// ranked by signature and merged in runs of neighbours (which share the longest prefixes) down to
/// exactly the side's rows. Isolated entities share one cold row (the graph baselines' policy).
/// </summary>
public sealed class LshHashing : HashingMethod
{
    private const int Bits = 64;

    /// <inheritdoc/>
    public override string Name => "lsh";

    /// <inheritdoc/>
    internal override CodebookAssignment Build(BipartiteGraph graph, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var (ku, ki) = RowSplit.Proportional(rows, graph.UserCount, graph.ItemCount);
        var userSig = Signatures(graph.UserOffsetArray, graph.UserItemArray, graph.ItemCount, seed, (ulong)StreamTag.UserSide);
        var itemSig = Signatures(graph.ItemOffsetArray, graph.ItemUserArray, graph.UserCount, seed, (ulong)StreamTag.ItemSide);
        return new CodebookAssignment(Name, Bucket(userSig, graph.UserOffsetArray, ku), Bucket(itemSig, graph.ItemOffsetArray, ki));
    }

    /// <summary>64-bit SimHash signature of each entity's neighbour set.</summary>
    internal static ulong[] Signatures(int[] offsets, int[] neighbours, int otherCount, int seed, ulong tag)
    {
        var rng = new SplitMix64(SplitMix64.Derive(seed, (ulong)StreamTag.LshHyperplanes + tag));
        var g = new float[(long)otherCount * Bits];
        for (long k = 0; k < g.Length; k++)
        {
            g[k] = (float)rng.NextGaussian();
        }

        int count = offsets.Length - 1;
        var sig = new ulong[count];

        // Each entity is independent, so block parallelism keeps results exact.
        BlockParallel.For(count, 1024, (from, to) =>
        {
            Span<double> acc = stackalloc double[Bits];
            for (int e = from; e < to; e++)
            {
                acc.Clear();
                for (int p = offsets[e]; p < offsets[e + 1]; p++)
                {
                    var row = g.AsSpan(neighbours[p] * Bits, Bits);
                    for (int b = 0; b < Bits; b++)
                    {
                        acc[b] += row[b];
                    }
                }

                ulong s = 0;
                for (int b = 0; b < Bits; b++)
                {
                    if (acc[b] > 0)
                    {
                        s |= 1UL << (Bits - 1 - b);
                    }
                }

                sig[e] = s;
            }
        });
        return sig;
    }

    /// <summary>Maps signatures to exactly <paramref name="rows"/> rows (fewer only if there are fewer buckets).</summary>
    private static SideAssignment Bucket(ulong[] sig, int[] offsets, int rows)
    {
        int count = sig.Length;
        if (rows >= count)
        {
            return SideAssignment.Identity(count);
        }

        bool anyIsolated = false;
        var active = new List<ulong>(count);
        for (int e = 0; e < count; e++)
        {
            if (offsets[e + 1] == offsets[e])
            {
                anyIsolated = true;
            }
            else
            {
                active.Add(sig[e]);
            }
        }

        int target = Math.Max(1, anyIsolated ? rows - 1 : rows);
        var sorted = active.ToArray();
        Array.Sort(sorted);

        // Fewest prefix bits giving at least 'target' buckets.
        int distinct = 0, bits;
        for (bits = 1; bits <= Bits; bits++)
        {
            distinct = CountDistinct(sorted, bits);
            if (distinct >= target)
            {
                break;
            }
        }

        bits = Math.Min(bits, Bits);
        var bucketKeys = new ulong[distinct];
        int n = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            ulong key = Prefix(sorted[k], bits);
            if (n == 0 || bucketKeys[n - 1] != key)
            {
                bucketKeys[n++] = key;
            }
        }

        int used = Math.Min(target, distinct);
        var codes = new int[count];
        for (int e = 0; e < count; e++)
        {
            if (offsets[e + 1] == offsets[e])
            {
                codes[e] = used;
                continue;
            }

            int rank = Array.BinarySearch(bucketKeys, 0, distinct, Prefix(sig[e], bits));
            codes[e] = (int)((long)rank * used / distinct);
        }

        return SideAssignment.FromLabels(codes, used + (anyIsolated ? 1 : 0));
    }

    private static ulong Prefix(ulong s, int bits) => bits >= Bits ? s : s >> (Bits - bits);

    private static int CountDistinct(ulong[] sorted, int bits)
    {
        int d = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            if (k == 0 || Prefix(sorted[k], bits) != Prefix(sorted[k - 1], bits))
            {
                d++;
            }
        }

        return d;
    }
}
