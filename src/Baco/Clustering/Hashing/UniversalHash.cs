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

    /// <summary>Hash of a non-negative id into [0, m).</summary>
    public int Apply(int x, int m)
    {
        UInt128 v = ((UInt128)_a * (ulong)(uint)x) + _b;
        return (int)((ulong)(v % P) % (ulong)m);
    }
}
