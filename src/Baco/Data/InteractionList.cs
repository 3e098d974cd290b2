namespace Baco.Data;

/// <summary>
/// A set of (user, item) interactions in dense ids, duplicates merged, sorted by user then item.
/// Parallel arrays rather than tuples so kernels can take spans of either column.
/// </summary>
public sealed class InteractionList
{
    /// <summary>Wraps already-sorted, duplicate-free columns (not copied).</summary>
    internal InteractionList(int[] users, int[] items)
    {
        if (users.Length != items.Length)
        {
            throw new ArgumentException("'users' and 'items' must have the same length.");
        }

        Users = users;
        Items = items;
    }

    /// <summary>User column (dense ids).</summary>
    public int[] Users { get; }

    /// <summary>Item column (dense ids).</summary>
    public int[] Items { get; }

    /// <summary>Number of distinct interactions.</summary>
    public int Count => Users.Length;

    /// <summary>
    /// 16 hex digits of SHA-256 over the sorted columns: the same for the same set of
    /// interactions however the file ordered or repeated them, different (but for a 2^-64 chance) otherwise.
    /// </summary>
    public string ContentHash() => Data.ContentHash.Of(Users, Items);

    /// <summary>An empty list.</summary>
    public static InteractionList Empty { get; } = new([], []);

    /// <summary>
    /// Builds a list from arbitrary pairs: sorts by (user, item) and merges duplicates.
    /// The input spans are not modified.
    /// </summary>
    public static InteractionList FromPairs(ReadOnlySpan<int> users, ReadOnlySpan<int> items)
    {
        if (users.Length != items.Length)
        {
            throw new ArgumentException("'users' and 'items' must have the same length.");
        }

        var keys = new long[users.Length];
        for (int k = 0; k < keys.Length; k++)
        {
            keys[k] = ((long)users[k] << 32) | (uint)items[k];
        }

        Array.Sort(keys);
        int distinct = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            if (k == 0 || keys[k] != keys[k - 1])
            {
                keys[distinct++] = keys[k];
            }
        }

        var u = new int[distinct];
        var i = new int[distinct];
        for (int k = 0; k < distinct; k++)
        {
            u[k] = (int)(keys[k] >> 32);
            i[k] = (int)(uint)keys[k];
        }

        return new InteractionList(u, i);
    }
}
