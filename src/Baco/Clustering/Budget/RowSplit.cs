namespace Baco.Clustering.Budget;

/// <summary>Splits a total number of codebook rows between the user and item sides.</summary>
internal static class RowSplit
{
    /// <summary>
    /// Rows in proportion to the number of entities per side (the hashing baselines' convention),
    /// each side at least one row (if it has entities) and at most one row per entity.
    /// </summary>
    public static (int Users, int Items) Proportional(int totalRows, int users, int items)
    {
        if (totalRows >= users + items)
        {
            return (users, items);
        }

        int ku = (int)Math.Round((double)totalRows * users / (users + items));
        ku = Math.Clamp(ku, Math.Min(1, users), users);
        int ki = totalRows - ku;
        if (ki < Math.Min(1, items))
        {
            ki = Math.Min(1, items);
            ku = Math.Max(Math.Min(1, users), totalRows - ki);
        }
        else if (ki > items)
        {
            ki = items;
            ku = Math.Min(users, totalRows - ki);
        }

        return (ku, ki);
    }
}
