namespace Baco.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna): the library's main generator. Its whole state is four
/// words, so a checkpoint saves and restores it exactly. Seeded through
/// <see cref="SplitMix64"/> (never all zero).
/// </summary>
internal sealed class Xoshiro256 : RandomSource
{
    private readonly BoundedDraw _bounded;
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the state with the first four outputs of a SplitMix64 stream at <paramref name="seed"/>.</summary>
    public Xoshiro256(ulong seed, BoundedDraw bounded = BoundedDraw.Unbiased)
    {
        var seeder = new SplitMix64(seed);
        _s0 = seeder.NextUInt64();
        _s1 = seeder.NextUInt64();
        _s2 = seeder.NextUInt64();
        _s3 = seeder.NextUInt64();
        _bounded = bounded;
    }

    /// <summary>Restores a saved state (unbiased bounded draws).</summary>
    public Xoshiro256(ulong[] state)
    {
        SetState(state);
    }

    /// <summary>The four state words (a copy).</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>Replaces the state.</summary>
    public void SetState(ulong[] state)
    {
        if (state.Length != 4)
        {
            throw new ArgumentException("State must have 4 words.", nameof(state));
        }

        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>The generator of stream <paramref name="tag"/> under <paramref name="seed"/>, so streams of one run do not interfere.</summary>
    public static Xoshiro256 ForStream(ulong seed, StreamTag tag) => new(seed ^ (0x9E3779B97F4A7C15UL * ((ulong)tag + 1)));

    /// <inheritdoc/>
    public override ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <inheritdoc/>
    public override int NextInt(int n)
    {
        if (_bounded == BoundedDraw.MultiplyShift)
        {
            return MultiplyShift(NextUInt64(), n);
        }

        // Lemire's multiply-shift with rejection: exactly uniform.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            UInt128 m = (UInt128)NextUInt64() * bound;
            if ((ulong)m >= threshold)
            {
                return (int)(ulong)(m >> 64);
            }
        }
    }
}

/// <summary>How <see cref="Xoshiro256.NextInt"/> maps bits to [0, n).</summary>
internal enum BoundedDraw
{
    /// <summary>Exactly uniform (rejection); what training and clustering use.</summary>
    Unbiased,

    /// <summary>One draw, bias below n / 2^32; the synthetic data generator's, kept so its data sets stay the same.</summary>
    MultiplyShift,
}
