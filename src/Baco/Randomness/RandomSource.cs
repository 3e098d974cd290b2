namespace Baco.Randomness;

/// <summary>
/// A seeded stream of random bits and the draws every generator shares, written once: uniform
/// doubles, Box-Muller normals, Fisher-Yates shuffles and permutations. Seeded generators are
/// used instead of System.Random because their output is part of the library's contract (same
/// seed, same bytes, on every runtime), which System.Random's seeded sequence is not.
/// </summary>
internal abstract class RandomSource
{
    /// <summary>Next 64 random bits.</summary>
    public abstract ulong NextUInt64();

    /// <summary>Uniform integer in [0, n), by the generator's bounded draw.</summary>
    public abstract int NextInt(int n);

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by Box-Muller (one value per call; the pair's second is dropped, so the state stays the bits alone).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle in place, from the last position down.</summary>
    public void Shuffle(Span<int> values)
    {
        for (int k = values.Length - 1; k > 0; k--)
        {
            int j = NextInt(k + 1);
            (values[k], values[j]) = (values[j], values[k]);
        }
    }

    /// <summary>
    /// Moves a uniformly chosen sample of <paramref name="count"/> values to the front, in random
    /// order (the first <paramref name="count"/> steps of a forward Fisher-Yates shuffle).
    /// </summary>
    public void ShuffleFront(Span<int> values, int count)
    {
        for (int k = 0; k < count; k++)
        {
            int r = k + NextInt(values.Length - k);
            (values[k], values[r]) = (values[r], values[k]);
        }
    }

    /// <summary>Fills <paramref name="values"/> with 0..n-1 and shuffles them.</summary>
    public void FillPermutation(Span<int> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = k;
        }

        Shuffle(values);
    }

    /// <summary>A uniformly random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        FillPermutation(p);
        return p;
    }

    /// <summary>Multiply-shift of the high 32 bits, no rejection: bias below n / 2^32, one draw always.</summary>
    protected static int MultiplyShift(ulong bits, int n) => (int)(((bits >> 32) * (ulong)(uint)n) >> 32);
}
