using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering.Hashing;

/// <summary>
/// Base of the hashing baselines. Their knob is the total number of codebook rows R (users plus
/// items, split in proportion to the entity counts). Sizes follow from R directly; the knob search
/// only absorbs the extra indices some of them pay (it lands in one or two runs). Hashing ignores
/// the graph's edges, so isolated entities are hashed like any other (no cold row).
/// </summary>
public abstract class HashingMethod : ICompressionMethod
{
    /// <summary>Only the library's methods derive from it.</summary>
    private protected HashingMethod()
    {
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public CompressionResult Compress(BipartiteGraph graph, CompressionTarget target, CompressionContext context)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(context);
        int full = graph.UserCount + graph.ItemCount;
        int min = Math.Min(2, full);
        return BudgetedRun.Execute(
            graph,
            target,
            context,
            k => new KnobRun(Build(graph, (int)Math.Clamp(k, min, full), context.Seed), new CompressionStats()),
            budget => InitialRows(graph, budget, context.Dim),
            min,
            full,
            integer: true);
    }

    /// <summary>The assignment for a total of <paramref name="rows"/> codebook rows.</summary>
    internal abstract CodebookAssignment Build(BipartiteGraph graph, int rows, int seed);

    /// <summary>Rows whose parameters are about the budget (default: no extra indices).</summary>
    private protected virtual double InitialRows(BipartiteGraph graph, long budget, int dim) => (double)budget / dim;
}
