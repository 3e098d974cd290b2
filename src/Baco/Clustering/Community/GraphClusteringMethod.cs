using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering.Community;

/// <summary>
/// Base of the graph clustering methods whose knob is the resolution gamma of bipartite modularity
/// on the joint user-item graph (<see cref="GraphHash"/>, <see cref="LeidenClustering"/>,
/// <see cref="DoubleGraphHash"/>): a knob target clusters once at that resolution; a fraction or
/// rows target searches the resolution from 1e-4 to 1e6, starting from a guess from the budget.
/// </summary>
public abstract class GraphClusteringMethod : ICompressionMethod
{
    /// <summary>Only the library's methods derive from it.</summary>
    private protected GraphClusteringMethod()
    {
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public CompressionResult Compress(BipartiteGraph graph, CompressionTarget target, CompressionContext context)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(context);
        var co = CoGraph.FromBipartite(graph);
        return BudgetedRun.Execute(graph, target, context, gamma => Cluster(graph, co, gamma, context.Seed), b => ResolutionGuess.For(graph, b, context.Dim), 1e-4, 1e6, integer: false);
    }

    /// <summary>One clustering of <paramref name="graph"/> (as <paramref name="co"/>) at resolution <paramref name="gamma"/>.</summary>
    private protected abstract KnobRun Cluster(BipartiteGraph graph, CoGraph co, double gamma, int seed);

    /// <summary>One Louvain or Leiden clustering at one resolution, each side's clusters its rows, named <see cref="Name"/>.</summary>
    private protected KnobRun Communities(BipartiteGraph graph, CoGraph co, double gamma, int seed, bool leiden)
    {
        int levels;
        int[] labels = leiden ? Leiden.Run(co, gamma, seed, out levels) : Louvain.Run(co, gamma, seed, out levels);
        var (users, items) = DenseLabels.Split(labels, graph.UserCount);
        var assignment = CoClusterNumbering.Build(Name, graph, users, items);
        return new KnobRun(assignment, new CompressionStats
        {
            Levels = levels,
            Modularity = BipartiteModularity.Compute(graph, users, items, gamma),
        });
    }
}
