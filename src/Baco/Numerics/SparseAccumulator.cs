namespace Baco.Numerics;

/// <summary>
/// Sums per key over keys 0..capacity-1, cleared in O(1) between rounds: a generation stamp marks
/// the keys added to since the last <see cref="Clear"/>, and <see cref="Keys"/> lists them in the
/// order they were first added. The clustering loops gather "weight from this node to each
/// neighbouring label" with it, so a round costs the node's degree, not the number of labels.
/// </summary>
internal sealed class SparseAccumulator
{
    private readonly double[] _sum;
    private readonly int[] _stamp;
    private readonly int[] _keys;
    private int _count;
    private int _generation = 1;

    public SparseAccumulator(int capacity)
    {
        _sum = new double[capacity];
        _stamp = new int[capacity];
        _keys = new int[capacity];
    }

    /// <summary>The keys added to since the last <see cref="Clear"/>, in first-added order.</summary>
    public ReadOnlySpan<int> Keys => _keys.AsSpan(0, _count);

    /// <summary>The sum for key, 0 when it was not added to since the last <see cref="Clear"/>.</summary>
    public double this[int key] => _stamp[key] == _generation ? _sum[key] : 0;

    /// <summary>Whether key was added to since the last <see cref="Clear"/>.</summary>
    public bool Contains(int key) => _stamp[key] == _generation;

    /// <summary>Starts a new round: every sum reads 0 again.</summary>
    public void Clear()
    {
        _count = 0;
        if (++_generation == int.MaxValue)
        {
            // Once in 2^31 rounds: stamps of old rounds could collide with the new ones.
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    /// <summary>Adds value to key's sum and returns the new sum.</summary>
    public double Add(int key, double value)
    {
        if (_stamp[key] != _generation)
        {
            _stamp[key] = _generation;
            _sum[key] = 0;
            _keys[_count++] = key;
        }

        return _sum[key] += value;
    }

    /// <summary>Puts <see cref="Keys"/> in ascending order.</summary>
    public void SortKeys() => _keys.AsSpan(0, _count).Sort();
}
