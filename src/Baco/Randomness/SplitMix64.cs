namespace Baco.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit counter through a mixing function. Its
/// finaliser <see cref="Mix"/> derives independent seeds (<see cref="Derive(int, StreamTag)"/>) and seeds
/// <see cref="Xoshiro256"/>; as a stream it drives the graph baselines.
/// </summary>
internal sealed class SplitMix64(ulong seed) : RandomSource
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    /// <summary>Stateless mix of one value: the finaliser applied to x + golden ratio.</summary>
    public static ulong Mix(ulong x)
    {
        x += Golden;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>The seed of stream <paramref name="tag"/> under a context seed, so streams of one run do not overlap.</summary>
    public static ulong Derive(int seed, StreamTag tag) => Derive(seed, (ulong)tag);

    /// <summary>The seed of a numbered stream (a tag plus an index, e.g. one per side or per hash function).</summary>
    public static ulong Derive(int seed, ulong tag) => Mix(((ulong)(uint)seed << 32) ^ Mix(tag));

    /// <inheritdoc/>
    public override ulong NextUInt64()
    {
        ulong z = _state;
        _state += Golden;
        return Mix(z);
    }

    /// <summary>Uniform in [0, n) by multiply-shift (one draw; bias below n / 2^32, negligible at our sizes).</summary>
    public override int NextInt(int n) => MultiplyShift(NextUInt64(), n);
}
