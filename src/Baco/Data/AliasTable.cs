using Baco.Randomness;

namespace Baco.Data;

/// <summary>
/// Walker/Vose alias tables: O(1) sampling from a discrete distribution. Several tables can share
/// one pair of arrays (one segment each), so per-cluster tables cost one entry per item in total.
/// </summary>
internal static class AliasTable
{
    /// <summary>Fills prob/alias (segment-local indices) for the given weights.</summary>
    public static void Build(ReadOnlySpan<double> weights, Span<float> prob, Span<int> alias)
    {
        int n = weights.Length;
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        var scaled = new double[n];
        var small = new int[n];
        var large = new int[n];
        int ns = 0, nl = 0;
        for (int k = 0; k < n; k++)
        {
            scaled[k] = weights[k] * n / total;
            if (scaled[k] < 1.0)
            {
                small[ns++] = k;
            }
            else
            {
                large[nl++] = k;
            }
        }

        while (ns > 0 && nl > 0)
        {
            int s = small[--ns], l = large[--nl];
            prob[s] = (float)scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0)
            {
                small[ns++] = l;
            }
            else
            {
                large[nl++] = l;
            }
        }

        // Leftovers are 1 up to rounding.
        while (nl > 0)
        {
            int l = large[--nl];
            prob[l] = 1f;
            alias[l] = l;
        }

        while (ns > 0)
        {
            int s = small[--ns];
            prob[s] = 1f;
            alias[s] = s;
        }
    }

    /// <summary>Draws a segment-local index.</summary>
    public static int Sample(ReadOnlySpan<float> prob, ReadOnlySpan<int> alias, Xoshiro256 rng)
    {
        // One 64-bit draw: high half picks the column, low half the coin.
        ulong r = rng.NextUInt64();
        int k = (int)(((r >> 32) * (ulong)(uint)prob.Length) >> 32);
        float coin = (uint)r * (1f / 4294967296f);
        return coin < prob[k] ? k : alias[k];
    }
}
