namespace Baco.Codebooks;

/// <summary>Parameter counting as defined in docs/METHOD.md, "Problem and parameter counting", in one place.</summary>
public static class ParameterCount
{
    /// <summary>(user rows + item rows) * dim + extra indices.</summary>
    public static long Compressed(long userRows, long itemRows, long extraIndices, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        return ((userRows + itemRows) * dim) + extraIndices;
    }

    /// <summary>(users + items) * dim.</summary>
    public static long Full(long users, long items, int dim) => Compressed(users, items, 0, dim);

    /// <summary>Compressed parameters as a share of the full table's; 0 for an empty table.</summary>
    public static double Ratio(long compressed, long full) => full == 0 ? 0 : compressed / (double)full;
}
