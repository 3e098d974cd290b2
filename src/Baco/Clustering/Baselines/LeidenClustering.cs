using Baco.Graph;

namespace Baco.Clustering.Baselines;

/// <summary>
/// The Leiden baseline of the BACO paper: the Leiden algorithm (Traag, Waltman, van Eck 2019,
/// "From Louvain to Leiden: guaranteeing well-connected communities") on the same bipartite
/// modularity with resolution as <see cref="GraphHash"/>. Knob: the resolution gamma.
/// Isolated entities: one cold row per side.
/// </summary>
public sealed class LeidenClustering : ICompressionMethod
{
    /// <inheritdoc/>
    public string Name => "leiden";

    /// <inheritdoc/>
    public CompressionResult Compress(BipartiteGraph graph, CompressionTarget target, CompressionContext context)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(context);
        var co = CoGraph.FromBipartite(graph);
        return BudgetedRun.Execute(graph, target, context, gamma => GraphHash.Run(Name, graph, co, gamma, context.Seed, leiden: true), b => ResolutionGuess.For(graph, b, context.Dim), 1e-4, 1e6, integer: false);
    }
}
