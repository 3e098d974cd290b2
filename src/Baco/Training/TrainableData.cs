using Baco.Data;

namespace Baco.Training;

/// <summary>
/// Up-front checks that BPR training can run on a dataset, so unusable data fail before
/// compression or the first epoch, in the user's own ids, instead of mid-epoch.
/// </summary>
internal static class TrainableData
{
    /// <summary>
    /// Throws <see cref="UnusableDataException"/> when <paramref name="data"/> (as training will see
    /// it: after <see cref="ValidationSplit.Prepare"/>) has no training interactions, a single item,
    /// or a user who interacted with every item (BPR then has no negative item to draw for them).
    /// </summary>
    public static void Ensure(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var train = data.Train;
        if (train.Count == 0)
        {
            throw new UnusableDataException("there are no training interactions; training needs a file with user-item pairs");
        }

        if (data.ItemCount < 2)
        {
            string item = data.ItemCount == 1 ? $" ('{data.Items.NameOf(0)}')" : string.Empty;
            throw new UnusableDataException($"the data have a single item{item}; ranking needs at least two items, and BPR needs an item a user has not interacted with");
        }

        // Interaction lists hold distinct pairs, so a user's count is their number of items.
        var degree = new int[data.UserCount];
        foreach (int u in train.Users)
        {
            degree[u]++;
        }

        var full = Enumerable.Range(0, data.UserCount).Where(u => degree[u] >= data.ItemCount).ToList();
        if (full.Count > 0)
        {
            string others = full.Count > 1 ? $" (and {full.Count - 1:N0} other users)" : string.Empty;
            throw new UnusableDataException(
                $"user '{data.Users.NameOf(full[0])}'{others} interacted with all {data.ItemCount:N0} items in the training data, so BPR has no item they have not interacted with to sample as a negative; remove such users or add items they have not interacted with");
        }
    }
}
