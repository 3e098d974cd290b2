namespace Baco.Codebooks;

/// <summary>
/// A compressed embedding table's structure: which user-codebook rows each user uses and which
/// item-codebook rows each item uses. The full (uncompressed) model is <see cref="Full"/>.
/// </summary>
/// <param name="Method">Name of the method that produced it (e.g. "baco", "full").</param>
/// <param name="Users">User side.</param>
/// <param name="Items">Item side.</param>
/// <param name="Combiner">How multiple codes of one entity combine.</param>
public sealed record CodebookAssignment(string Method, SideAssignment Users, SideAssignment Items, CodeCombiner Combiner = CodeCombiner.Mean)
{
    /// <summary>
    /// For graph methods and BACO, whose users and items share one label space: the item row of
    /// each user row's co-cluster, or -1 when no item holds that label (and for a cold row); null
    /// for methods without co-clusters. Lets a new node join the co-cluster of its neighbours'
    /// rows (docs/METHOD.md, "Assigning new users and items").
    /// </summary>
    public int[]? ItemRowOfUserRow { get; init; }

    /// <summary>The user row that isolated users share (docs/METHOD.md, "Isolated entities"), or -1 when there is none or the method does not say.</summary>
    public int UserColdRow { get; init; } = -1;

    /// <summary>The item row that isolated items share, or -1 when there is none or the method does not say.</summary>
    public int ItemColdRow { get; init; } = -1;

    /// <summary>What the method keeps for placing new nodes (for BACO: gamma, settings, weight scales and row volumes); null for methods that keep nothing.</summary>
    public IFoldIn? FoldIn { get; init; }

    /// <summary>
    /// When the rows were numbered against an earlier assignment (<c>baco compress --previous</c>):
    /// the earlier row of each row, per side; null otherwise.
    /// </summary>
    public RowMap? PreviousRows { get; init; }

    /// <summary>Codebook rows, users plus items.</summary>
    public int TotalRows => Users.RowCount + Items.RowCount;

    /// <summary>Indices beyond one per entity, both sides.</summary>
    public long ExtraIndices => Users.ExtraIndices + Items.ExtraIndices;

    /// <summary>Parameters of the compressed table: rows * dim + one per extra index (docs/METHOD.md, "Problem and parameter counting").</summary>
    public long Parameters(int dim) => ParameterCount.Compressed(Users.RowCount, Items.RowCount, ExtraIndices, dim);

    /// <summary>Parameters of the full table for the same entities.</summary>
    public long FullParameters(int dim) => ParameterCount.Full(Users.EntityCount, Items.EntityCount, dim);

    /// <summary>Parameters of this table as a share of the full table's (0..1, above 1 when extra indices outweigh the saving).</summary>
    public double ParameterRatio(int dim) => ParameterCount.Ratio(Parameters(dim), FullParameters(dim));

    /// <summary>
    /// The same assignment with user row r renamed <paramref name="userNumber"/>[r] and item row r
    /// <paramref name="itemNumber"/>[r] (permutations): codes, co-cluster links, cold rows and
    /// BACO's row volumes follow their rows, so which entities share a row does not change.
    /// <see cref="PreviousRows"/> is dropped (it was indexed by the old numbers).
    /// </summary>
    public CodebookAssignment WithRowsRenumbered(int[] userNumber, int[] itemNumber)
    {
        var users = Users.Renumbered(userNumber);
        var items = Items.Renumbered(itemNumber);
        int[]? links = null;
        if (ItemRowOfUserRow is { } old)
        {
            links = new int[old.Length];
            for (int r = 0; r < old.Length; r++)
            {
                links[userNumber[r]] = old[r] >= 0 ? itemNumber[old[r]] : -1;
            }
        }

        return this with
        {
            Users = users,
            Items = items,
            ItemRowOfUserRow = links,
            UserColdRow = UserColdRow >= 0 ? userNumber[UserColdRow] : -1,
            ItemColdRow = ItemColdRow >= 0 ? itemNumber[ItemColdRow] : -1,
            FoldIn = FoldIn?.WithRowsRenumbered(userNumber, itemNumber),
            PreviousRows = null,
        };
    }

    /// <summary>The identity assignment: every entity its own row.</summary>
    public static CodebookAssignment Full(int userCount, int itemCount)
        => new("full", SideAssignment.Identity(userCount), SideAssignment.Identity(itemCount));
}
