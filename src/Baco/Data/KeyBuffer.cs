namespace Baco.Data;

/// <summary>
/// Growable array of interactions packed as (user &lt;&lt; 32) | item: 8 bytes an edge, sortable
/// in place, so reading never holds more than the edges plus a little slack.
/// </summary>
internal sealed class KeyBuffer
{
    private long[] _keys;

    public KeyBuffer(long capacity)
    {
        _keys = new long[(int)Math.Clamp(capacity, 16, Array.MaxLength)];
    }

    public int Count { get; private set; }

    /// <summary>
    /// Fraction (0..1] of the input consumed so far, if known: growth then extrapolates the final
    /// count instead of guessing, so a file needs about one growth and ~2 % slack.
    /// </summary>
    public Func<double>? Progress { get; init; }

    public Span<long> Keys => _keys.AsSpan(0, Count);

    public void Add(int user, int item)
    {
        if (Count == _keys.Length)
        {
            Grow();
        }

        _keys[Count++] = ((long)user << 32) | (uint)item;
    }

    /// <summary>Sorts, merges duplicates and releases the buffer.</summary>
    public InteractionList ToInteractionList()
    {
        var keys = Keys;
        keys.Sort();
        int distinct = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            if (k == 0 || keys[k] != keys[distinct - 1])
            {
                keys[distinct++] = keys[k];
            }
        }

        var users = new int[distinct];
        var items = new int[distinct];
        for (int k = 0; k < distinct; k++)
        {
            users[k] = (int)(keys[k] >> 32);
            items[k] = (int)(uint)keys[k];
        }

        _keys = [];
        Count = 0;
        return distinct == 0 ? InteractionList.Empty : new InteractionList(users, items);
    }

    private void Grow()
    {
        // 1.5x without progress; with it, the extrapolated total plus 2 % (at least 1.1x).
        long next = _keys.Length + (_keys.Length / 2) + 16;
        double done = Progress?.Invoke() ?? 0;
        if (done > 0.05)
        {
            next = Math.Max(_keys.Length + (_keys.Length / 10) + 16, (long)(Count / Math.Min(done, 1.0) * 1.02));
        }

        next = Math.Min(Array.MaxLength, next);
        if (next <= _keys.Length)
        {
            throw new InvalidOperationException("Too many interactions in one file.");
        }

        Array.Resize(ref _keys, (int)next);
    }
}
