using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;

using Baco.Randomness;

namespace Baco.Clustering.Hashing;

/// <summary>
/// Double hashing (Zhang et al. 2020, "Model Size Reduction Using Frequency Based Double Hashing
/// for Recommender Systems", RecSys): two seeded universal hashes map each id into one table per
/// side and the two rows are summed (<see cref="CodeCombiner.Sum"/>). Every entity has two codes,
/// so each costs one extra index. When the two hashes collide the second code moves to the next
/// row, so that an entity never gets twice the same row (which would just scale one row); the
/// GraphHash authors' implementation leaves such collisions (about 1 / rows of the entities).
/// </summary>
public sealed class DoubleHashing : HashingMethod
{
    /// <inheritdoc/>
    public override string Name => "double";

    /// <inheritdoc/>
    internal override CodebookAssignment Build(BipartiteGraph graph, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var (ku, ki) = RowSplit.Proportional(rows, graph.UserCount, graph.ItemCount);
        var users = TwoCodes(graph.UserCount, ku, null, ku, new DoubleHash(seed, StreamTag.UserSide));
        var items = TwoCodes(graph.ItemCount, ki, null, ki, new DoubleHash(seed, StreamTag.ItemSide));
        return new CodebookAssignment(Name, users, items, CodeCombiner.Sum);
    }

    /// <inheritdoc/>
    private protected override double InitialRows(BipartiteGraph graph, long budget, int dim)
        => (double)(budget - graph.UserCount - graph.ItemCount) / dim;

    /// <summary>
    /// Two hashed codes in [0, rows) per entity, except entities in <paramref name="own"/>, which
    /// keep the single code own[e] when it is non-negative; the side has rowCount rows.
    /// </summary>
    internal static SideAssignment TwoCodes(int count, int rows, int[]? own, int rowCount, DoubleHash hash)
    {
        var offsets = new long[count + 1];
        var codes = new List<int>(2 * count);
        for (int e = 0; e < count; e++)
        {
            if (own is not null && own[e] >= 0)
            {
                codes.Add(own[e]);
            }
            else
            {
                var (first, second) = hash.Apply(e, rows);
                codes.Add(first);
                codes.Add(second);
            }

            offsets[e + 1] = codes.Count;
        }

        return new SideAssignment(rowCount, [.. codes], offsets);
    }
}
