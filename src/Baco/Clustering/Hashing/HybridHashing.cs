using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;
using Baco.Randomness;

namespace Baco.Clustering.Hashing;

/// <summary>
/// Hybrid hashing (Zhang et al. 2020, "Model Size Reduction Using Frequency Based Double Hashing
/// for Recommender Systems", RecSys: frequency-based double hashing): per side, half the rows go
/// one each to the most frequent entities; every other entity is double-hashed into the remaining
/// rows (two codes, summed). Only the double-hashed entities pay an extra index. (The GraphHash
/// authors' code gives a frequent entity its own row twice, i.e. the row doubled and one extra
/// index for every entity; one code is the same embedding up to scale and costs less.)
/// </summary>
public sealed class HybridHashing : HashingMethod
{
    /// <inheritdoc/>
    public override string Name => "hybrid";

    /// <inheritdoc/>
    internal override CodebookAssignment Build(BipartiteGraph graph, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var (ku, ki) = RowSplit.Proportional(rows, graph.UserCount, graph.ItemCount);
        return new CodebookAssignment(Name, Side(graph.UserOffsetArray, ku, new DoubleHash(seed, StreamTag.UserSide)), Side(graph.ItemOffsetArray, ki, new DoubleHash(seed, StreamTag.ItemSide)), CodeCombiner.Sum);
    }

    /// <inheritdoc/>
    private protected override double InitialRows(BipartiteGraph graph, long budget, int dim)
        => (budget - graph.UserCount - graph.ItemCount) / Math.Max(dim - 0.5, 0.5);

    private static SideAssignment Side(int[] offsets, int rows, DoubleHash hash)
    {
        int count = offsets.Length - 1;
        if (rows >= count)
        {
            return SideAssignment.Identity(count);
        }

        // Frequent entities take rows shared.. of the table; the rest hash into 0..shared-1.
        int[] own = FrequencyRanking.OwnRowsOfFrequent(offsets, rows, out int shared);
        return DoubleHashing.TwoCodes(count, shared, own, rows, hash);
    }
}
