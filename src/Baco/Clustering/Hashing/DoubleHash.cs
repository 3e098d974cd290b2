using Baco.Randomness;

namespace Baco.Clustering.Hashing;

/// <summary>
/// The two hash functions of double hashing on one side (Zhang et al. 2020): an entity's codes
/// are both hashes of its id, the second moved on when it equals the first.
/// </summary>
internal readonly struct DoubleHash
{
    private readonly UniversalHash _first;
    private readonly UniversalHash _second;

    public DoubleHash(int seed, StreamTag side)
    {
        // Each side's two functions get streams 16 * side + 1 and + 2.
        _first = new UniversalHash(SplitMix64.Derive(seed, ((ulong)side * 16) + 1));
        _second = new UniversalHash(SplitMix64.Derive(seed, ((ulong)side * 16) + 2));
    }

    /// <summary>The two codes of <paramref name="id"/> among <paramref name="rows"/> rows.</summary>
    public (int First, int Second) Apply(int id, int rows)
    {
        int first = _first.Apply(id, rows);
        return (first, _second.ApplyAvoiding(id, rows, first));
    }
}
