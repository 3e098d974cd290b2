using Baco.Data;
using Baco.Numerics;

namespace Baco.Graph;

/// <summary>
/// The user-item bipartite interaction graph in compressed sparse rows, both directions,
/// with 32-bit indices. Neighbour lists are sorted ascending and free of duplicates.
/// Immutable after construction; every array is owned by the graph.
/// </summary>
public sealed class BipartiteGraph
{
    // Most parts the item-side counting sort uses (each holds one count per item).
    private const int MaxParts = 8;

    private BipartiteGraph(int userCount, int itemCount, int[] userOffsets, int[] userItems, int[] itemOffsets, int[] itemUsers)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        UserOffsetArray = userOffsets;
        UserItemArray = userItems;
        ItemOffsetArray = itemOffsets;
        ItemUserArray = itemUsers;
    }

    /// <summary>Number of users (rows of the biadjacency B).</summary>
    public int UserCount { get; }

    /// <summary>Number of items (columns of B).</summary>
    public int ItemCount { get; }

    /// <summary>Number of distinct interactions (edges).</summary>
    public int EdgeCount => UserItemArray.Length;

    /// <summary>CSR offsets of user rows: items of user u are UserItems[UserOffsets[u]..UserOffsets[u+1]].</summary>
    public ReadOnlySpan<int> UserOffsets => UserOffsetArray;

    /// <summary>Concatenated, sorted item lists of all users.</summary>
    public ReadOnlySpan<int> UserItems => UserItemArray;

    /// <summary>CSR offsets of item rows: users of item i are ItemUsers[ItemOffsets[i]..ItemOffsets[i+1]].</summary>
    public ReadOnlySpan<int> ItemOffsets => ItemOffsetArray;

    /// <summary>Concatenated, sorted user lists of all items.</summary>
    public ReadOnlySpan<int> ItemUsers => ItemUserArray;

    // The arrays behind the spans, for the library's kernels (the graph is immutable: never written).
    internal int[] UserOffsetArray { get; }

    internal int[] UserItemArray { get; }

    internal int[] ItemOffsetArray { get; }

    internal int[] ItemUserArray { get; }

    /// <summary>Items user u interacted with.</summary>
    public ReadOnlySpan<int> ItemsOf(int user) => UserItemArray.AsSpan(UserOffsetArray[user], UserOffsetArray[user + 1] - UserOffsetArray[user]);

    /// <summary>Users who interacted with item i.</summary>
    public ReadOnlySpan<int> UsersOf(int item) => ItemUserArray.AsSpan(ItemOffsetArray[item], ItemOffsetArray[item + 1] - ItemOffsetArray[item]);

    /// <summary>Degree of user u.</summary>
    public int UserDegree(int user) => UserOffsetArray[user + 1] - UserOffsetArray[user];

    /// <summary>Degree of item i.</summary>
    public int ItemDegree(int item) => ItemOffsetArray[item + 1] - ItemOffsetArray[item];

    /// <summary>
    /// The graph as one symmetric adjacency over users and items (users 0..U-1, items U..U+I-1),
    /// in CSR with each row's columns ascending: the layout LightGCN's propagation and the
    /// unipartite view of the graph baselines both need.
    /// </summary>
    public (int[] Offsets, int[] Columns) JointAdjacency()
    {
        int u = UserCount, n = UserCount + ItemCount;
        var offsets = new int[n + 1];
        for (int x = 0; x < u; x++)
        {
            offsets[x + 1] = offsets[x] + UserDegree(x);
        }

        for (int i = 0; i < ItemCount; i++)
        {
            offsets[u + i + 1] = offsets[u + i] + ItemDegree(i);
        }

        var columns = new int[offsets[n]];
        for (int x = 0; x < u; x++)
        {
            int p = offsets[x];
            foreach (int i in ItemsOf(x))
            {
                columns[p++] = u + i;
            }
        }

        ItemUserArray.CopyTo(columns, offsets[u]); // item rows hold user ids, which are joint ids already
        return (offsets, columns);
    }

    /// <summary>Builds the graph of a dataset's training interactions over its whole id space.</summary>
    public static BipartiteGraph FromDataset(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromInteractions(data.UserCount, data.ItemCount, data.Train);
    }

    /// <summary>Builds the graph of an interaction list (sorted, duplicate-free) over the given id space.</summary>
    public static BipartiteGraph FromInteractions(int userCount, int itemCount, InteractionList interactions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userCount);
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        int[] users = interactions.Users;
        int[] items = interactions.Items;
        int m = users.Length;
        for (int k = 0; k < m; k++)
        {
            if ((uint)users[k] >= (uint)userCount || (uint)items[k] >= (uint)itemCount)
            {
                throw new ArgumentException($"Interaction {k} ({users[k]}, {items[k]}) is outside the id space {userCount} x {itemCount}.");
            }
        }

        // User side: the list is sorted by (user, item), so the item column already is the CSR payload.
        var userOffsets = new int[userCount + 1];
        for (int k = 0; k < m; k++)
        {
            userOffsets[users[k] + 1]++;
        }

        for (int u = 0; u < userCount; u++)
        {
            userOffsets[u + 1] += userOffsets[u];
        }

        var userItems = (int[])items.Clone();

        // Item side: a stable counting sort by item keeps users ascending within each item.
        // Parts of the edge list (fixed by its length) are counted and scattered in parallel;
        // within each item, part p writes after parts 0..p-1, so the result is the sequential one.
        int partSize = Math.Max(1 << 18, (m + MaxParts - 1) / MaxParts);
        int parts = Math.Max(1, BlockParallel.BlockCount(m, partSize));
        var counts = new int[parts][];
        BlockParallel.Blocks(parts, p =>
        {
            counts[p] = new int[itemCount];
            CountItems(items, p * partSize, Math.Min(m, (p + 1) * partSize), counts[p]);
        });
        var itemOffsets = new int[itemCount + 1];
        for (int i = 0; i < itemCount; i++)
        {
            int next = itemOffsets[i];
            for (int p = 0; p < parts; p++)
            {
                // Each part's count becomes its first write position within item i.
                (counts[p][i], next) = (next, next + counts[p][i]);
            }

            itemOffsets[i + 1] = next;
        }

        var itemUsers = new int[m];
        BlockParallel.Blocks(parts, p => Scatter(users, items, p * partSize, Math.Min(m, (p + 1) * partSize), counts[p], itemUsers));
        return new BipartiteGraph(userCount, itemCount, userOffsets, userItems, itemOffsets, itemUsers);
    }

    /// <summary>Builds a graph from raw (possibly duplicated, unsorted) pairs.</summary>
    public static BipartiteGraph FromPairs(int userCount, int itemCount, ReadOnlySpan<int> users, ReadOnlySpan<int> items)
        => FromInteractions(userCount, itemCount, InteractionList.FromPairs(users, items));

    private static void CountItems(int[] items, int from, int to, int[] counts)
    {
        for (int k = from; k < to; k++)
        {
            counts[items[k]]++;
        }
    }

    private static void Scatter(int[] users, int[] items, int from, int to, int[] cursor, int[] target)
    {
        for (int k = from; k < to; k++)
        {
            target[cursor[items[k]]++] = users[k];
        }
    }
}
