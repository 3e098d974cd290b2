using Baco.Randomness;

namespace Baco.Clustering.Hashing;

/// <summary>
/// Carter-Wegman universal hash h(x) = ((a x + b) mod p) mod m with the Mersenne prime
/// p = 2^61 - 1 and seeded a, b (Carter and Wegman 1979), as used by feature hashing.
/// </summary>
internal readonly struct UniversalHash
{
    private const ulong P = (1UL << 61) - 1;
    private readonly ulong _a;
    private readonly ulong _b;

    public UniversalHash(ulong seed)
    {
        var rng = new SplitMix64(seed);
        _a = 1 + (rng.NextUInt64() % (P - 1));
        _b = rng.NextUInt64() % P;
    }

    /// <summary>The hash of stream <paramref name="tag"/> under <paramref name="seed"/>.</summary>
    public static UniversalHash For(int seed, StreamTag tag) => new(SplitMix64.Derive(seed, tag));

    /// <summary>
    /// <see cref="Apply"/>, moved on by one row when it lands on <paramref name="avoid"/>: a second
    /// code of an entity must differ from its first, or the pair would be one row counted twice.
    /// </summary>
    public int ApplyAvoiding(int x, int m, int avoid)
    {
        int h = Apply(x, m);
        return h == avoid && m > 1 ? (h + 1) % m : h;
    }

    /// <summary>Hash of a non-negative id into [0, m).</summary>
    public int Apply(int x, int m)
    {
        UInt128 v = ((UInt128)_a * (ulong)(uint)x) + _b;
        return (int)((ulong)(v % P) % (ulong)m);
    }
}
