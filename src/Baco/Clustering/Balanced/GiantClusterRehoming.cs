namespace Baco.Clustering.Balanced;

/// <summary>
/// On by default, not in the paper (docs/METHOD.md, "Rehoming the giant co-cluster"; <see cref="BacoOptions.RehomeAbove"/>,
/// <see cref="BacoOptions.RehomeItemsAbove"/>): users (or items) of an oversized primary
/// co-cluster move to their secondary co-cluster, which becomes their only row. At tight budgets
/// label propagation gathers thousands of low-degree users into one co-cluster whose single row
/// cannot tell them apart; their secondary co-cluster is the best other co-cluster among their
/// items', so it carries what they interacted with.
/// </summary>
internal static class GiantClusterRehoming
{
    /// <summary>
    /// New primary and secondary labels of one side (users or items, given by its CSR offsets),
    /// and how many of its entities moved. Isolated entities and entities without a secondary
    /// label stay. A secondary label that no entity of the side holds as primary any more (its
    /// members all moved out) is dropped, since the side has no row for it.
    /// </summary>
    public static (int[] Primary, int[] Secondary, int Moved) Apply(int[] offsets, int[] primary, int[] secondary, double share)
    {
        int n = offsets.Length - 1;
        var counts = new Dictionary<int, int>();
        int connected = 0;
        for (int x = 0; x < n; x++)
        {
            if (offsets[x + 1] > offsets[x])
            {
                connected++;
                counts[primary[x]] = counts.GetValueOrDefault(primary[x]) + 1;
            }
        }

        double limit = share * connected;
        var newPrimary = (int[])primary.Clone();
        var newSecondary = (int[])secondary.Clone();
        int moved = 0;
        for (int x = 0; x < n; x++)
        {
            if (offsets[x + 1] > offsets[x] && secondary[x] >= 0 && counts[primary[x]] > limit)
            {
                newPrimary[x] = secondary[x];
                newSecondary[x] = -1;
                moved++;
            }
        }

        return (newPrimary, DropUnheld(newPrimary, newSecondary), moved);
    }

    /// <summary>
    /// The follow-up round (<see cref="BacoOptions.RehomeUsersAfterItems"/>): after the other side
    /// moved, entities still in an oversized co-cluster that had no secondary label move to
    /// <paramref name="candidates"/>' label (the best other label among their neighbours' new
    /// labels); entities with a secondary label keep both their labels. Secondary labels left
    /// without a holder are dropped, as in <see cref="Apply"/>.
    /// </summary>
    public static (int[] Primary, int[] Secondary, int Moved) Follow(int[] offsets, int[] primary, int[] secondary, int[] candidates, double share)
    {
        var unplaced = new int[primary.Length];
        for (int x = 0; x < unplaced.Length; x++)
        {
            unplaced[x] = secondary[x] < 0 ? candidates[x] : -1;
        }

        var (newPrimary, _, moved) = Apply(offsets, primary, unplaced, share);
        return (newPrimary, DropUnheld(newPrimary, (int[])secondary.Clone()), moved);
    }

    /// <summary>Clears, in place, every secondary label that no entity holds as primary (the side has no row for it).</summary>
    private static int[] DropUnheld(int[] primary, int[] secondary)
    {
        var held = new HashSet<int>(primary);
        for (int x = 0; x < secondary.Length; x++)
        {
            if (secondary[x] >= 0 && !held.Contains(secondary[x]))
            {
                secondary[x] = -1;
            }
        }

        return secondary;
    }
}
