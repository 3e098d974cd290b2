using Baco.Clustering.Baco;

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

    /// <summary>For BACO: gamma, settings, weight scales and row volumes, for placing new nodes; null otherwise.</summary>
    public BacoFoldIn? Baco { get; init; }

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

    /// <summary>The identity assignment: every entity its own row.</summary>
    public static CodebookAssignment Full(int userCount, int itemCount)
        => new("full", SideAssignment.Identity(userCount), SideAssignment.Identity(itemCount));
}
