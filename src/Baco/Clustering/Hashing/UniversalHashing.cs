using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;

using Baco.Randomness;

namespace Baco.Clustering.Hashing;

/// <summary>
/// Seeded random hashing ("hash"): each id goes through a seeded Carter-Wegman universal hash into
/// its side's rows, as in feature hashing (Weinberger et al. 2009, "Feature Hashing for Large Scale
/// Multitask Learning"). Unlike <see cref="RandomHashing"/> the collisions are random, not striped.
/// </summary>
public sealed class UniversalHashing : HashingMethod
{
    /// <inheritdoc/>
    public override string Name => "hash";

    /// <inheritdoc/>
    internal override CodebookAssignment Build(BipartiteGraph graph, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var (ku, ki) = RowSplit.Proportional(rows, graph.UserCount, graph.ItemCount);
        return new CodebookAssignment(
            Name,
            Hashed(graph.UserCount, ku, UniversalHash.For(seed, StreamTag.UserSide)),
            Hashed(graph.ItemCount, ki, UniversalHash.For(seed, StreamTag.ItemSide)));
    }

    private static SideAssignment Hashed(int count, int rows, UniversalHash hash)
    {
        var codes = new int[count];
        for (int e = 0; e < count; e++)
        {
            codes[e] = hash.Apply(e, rows);
        }

        return SideAssignment.FromLabels(codes, rows);
    }
}
