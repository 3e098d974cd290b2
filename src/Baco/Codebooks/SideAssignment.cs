namespace Baco.Codebooks;

/// <summary>
/// The codebook rows each entity of one side (users or items) points to, in the layout of
/// PyTorch's EmbeddingBag: entity e uses rows Codes[Offsets[e]..Offsets[e+1]].
/// Every entity has at least one code and every code is in 0..RowCount-1.
/// </summary>
public sealed class SideAssignment
{
    /// <summary>Wraps codes and offsets after checking the layout invariants.</summary>
    public SideAssignment(int rowCount, int[] codes, long[] offsets)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != codes.Length)
        {
            throw new ArgumentException($"'offsets' must start at 0 and end at the number of codes ({codes.Length}).", nameof(offsets));
        }

        for (int e = 0; e + 1 < offsets.Length; e++)
        {
            if (offsets[e + 1] <= offsets[e])
            {
                throw new ArgumentException($"Entity {e} has no code: every entity needs at least one codebook row.", nameof(offsets));
            }
        }

        foreach (int c in codes)
        {
            if ((uint)c >= (uint)rowCount)
            {
                throw new ArgumentException($"Code {c} is outside the codebook of {rowCount} rows.", nameof(codes));
            }
        }

        RowCount = rowCount;
        CodeArray = codes;
        OffsetArray = offsets;
    }

    /// <summary>Number of codebook rows on this side.</summary>
    public int RowCount { get; }

    /// <summary>Flat list of codes (int32, as an EmbeddingBag input).</summary>
    public ReadOnlySpan<int> Codes => CodeArray;

    /// <summary>Start of each entity's codes, length EntityCount + 1 (int64, as EmbeddingBag offsets plus the end).</summary>
    public ReadOnlySpan<long> Offsets => OffsetArray;

    // The arrays behind the spans, for the library's kernels and writers (never written after construction).
    internal int[] CodeArray { get; }

    internal long[] OffsetArray { get; }

    /// <summary>Number of entities.</summary>
    public int EntityCount => Offsets.Length - 1;

    /// <summary>Codes beyond the first of each entity: each costs one parameter (an index).</summary>
    public long ExtraIndices => Codes.Length - (long)EntityCount;

    /// <summary>Codes of entity e.</summary>
    public ReadOnlySpan<int> CodesOf(int entity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entity);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(entity, EntityCount);
        return CodeArray.AsSpan((int)OffsetArray[entity], (int)(OffsetArray[entity + 1] - OffsetArray[entity]));
    }

    /// <summary>One code per entity: entity e points to row labels[e].</summary>
    public static SideAssignment FromLabels(int[] labels, int rowCount)
    {
        var offsets = new long[labels.Length + 1];
        for (int e = 0; e <= labels.Length; e++)
        {
            offsets[e] = e;
        }

        return new SideAssignment(rowCount, labels, offsets);
    }

    /// <summary>Uncompressed: entity e owns row e.</summary>
    public static SideAssignment Identity(int count)
    {
        var labels = new int[count];
        for (int e = 0; e < count; e++)
        {
            labels[e] = e;
        }

        return FromLabels(labels, count);
    }

    /// <summary>
    /// The same entities and rows with row r renamed <paramref name="number"/>[r] (a permutation
    /// of 0..RowCount-1): every entity keeps its codes in their order, only their numbers change.
    /// </summary>
    public SideAssignment Renumbered(int[] number)
    {
        ArgumentNullException.ThrowIfNull(number);
        CheckPermutation(number, RowCount);
        var codes = new int[Codes.Length];
        for (int k = 0; k < codes.Length; k++)
        {
            codes[k] = number[Codes[k]];
        }

        return new SideAssignment(RowCount, codes, (long[])OffsetArray.Clone());
    }

    /// <summary>Throws unless <paramref name="number"/> is a permutation of 0..<paramref name="rows"/>-1.</summary>
    internal static void CheckPermutation(int[] number, int rows)
    {
        if (number.Length != rows)
        {
            throw new ArgumentException($"The numbering has {number.Length} entries for {rows} rows.", nameof(number));
        }

        var seen = new bool[rows];
        foreach (int n in number)
        {
            if ((uint)n >= (uint)rows || seen[n])
            {
                throw new ArgumentException($"The numbering is not a permutation of 0..{rows - 1} ({n} is outside or repeated).", nameof(number));
            }

            seen[n] = true;
        }
    }

    /// <summary>
    /// The entities that use each row, in increasing order: the inverse of <see cref="CodesOf"/>
    /// (an entity with two codes is listed under both rows; a row no entity uses has none).
    /// </summary>
    public int[][] EntitiesPerRow()
    {
        int[] sizes = RowSizes();
        var rows = new int[RowCount][];
        for (int r = 0; r < RowCount; r++)
        {
            rows[r] = new int[sizes[r]];
        }

        var filled = new int[RowCount];
        for (int e = 0; e < EntityCount; e++)
        {
            foreach (int c in CodesOf(e))
            {
                rows[c][filled[c]++] = e;
            }
        }

        return rows;
    }

    /// <summary>Number of entities pointing to each row (an entity with two codes counts for both).</summary>
    public int[] RowSizes()
    {
        var sizes = new int[RowCount];
        foreach (int c in Codes)
        {
            sizes[c]++;
        }

        return sizes;
    }
}
