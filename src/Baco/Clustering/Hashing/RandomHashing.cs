using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering.Hashing;

/// <summary>
/// Random hashing, the simplest baseline of the BACO paper: entity id modulo the number of rows
/// of its side (the "hashing trick", Weinberger et al. 2009, "Feature Hashing for Large Scale
/// Multitask Learning", with the identity as hash). Deterministic, no seed.
/// </summary>
public sealed class RandomHashing : HashingMethod
{
    /// <inheritdoc/>
    public override string Name => "random";

    /// <inheritdoc/>
    internal override CodebookAssignment Build(BipartiteGraph graph, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var (ku, ki) = RowSplit.Proportional(rows, graph.UserCount, graph.ItemCount);
        return new CodebookAssignment(Name, Modulo(graph.UserCount, ku), Modulo(graph.ItemCount, ki));
    }

    private static SideAssignment Modulo(int count, int rows)
    {
        var codes = new int[count];
        for (int e = 0; e < count; e++)
        {
            codes[e] = e % rows;
        }

        return SideAssignment.FromLabels(codes, rows);
    }
}
