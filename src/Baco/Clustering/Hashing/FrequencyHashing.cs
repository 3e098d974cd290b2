using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering.Hashing;

/// <summary>
/// Frequency hashing (Zhang et al. 2020, "Model Size Reduction Using Frequency Based Double
/// Hashing for Recommender Systems", RecSys): per side, half the rows (rounded down) are given one
/// each to the most frequent entities by training degree (the last rows, in frequency order, ties
/// by id); every other entity shares the remaining rows by id modulo their number, as in the
/// GraphHash authors' implementation of this baseline. A side with at least as many rows as
/// entities is uncompressed.
/// </summary>
public sealed class FrequencyHashing : HashingMethod
{
    /// <inheritdoc/>
    public override string Name => "frequency";

    /// <inheritdoc/>
    internal override CodebookAssignment Build(BipartiteGraph graph, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var (ku, ki) = RowSplit.Proportional(rows, graph.UserCount, graph.ItemCount);
        return new CodebookAssignment(Name, Side(graph.UserOffsetArray, ku), Side(graph.ItemOffsetArray, ki));
    }

    private static SideAssignment Side(int[] offsets, int rows)
    {
        int count = offsets.Length - 1;
        if (rows >= count)
        {
            return SideAssignment.Identity(count);
        }

        int[] codes = FrequencyRanking.OwnRowsOfFrequent(offsets, rows, out int shared);
        for (int e = 0; e < count; e++)
        {
            if (codes[e] < 0)
            {
                codes[e] = e % shared;
            }
        }

        return SideAssignment.FromLabels(codes, rows);
    }
}
