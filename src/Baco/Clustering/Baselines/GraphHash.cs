using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering.Baselines;

/// <summary>
/// GraphHash (Wu et al. 2024, "GraphHash: Graph Clustering Enables Parameter Efficiency in
/// Recommender Systems"): users and items are nodes of one bipartite graph, clustered by Louvain
/// (Blondel et al. 2008) maximising bipartite modularity (Barber 2007) with a resolution; every
/// entity points to the row of its cluster on its side. Knob: the resolution gamma (more
/// resolution, more clusters, more rows). Isolated entities: one cold row per side.
/// </summary>
public sealed class GraphHash : ICompressionMethod
{
    /// <inheritdoc/>
    public string Name => "graphhash";

    /// <inheritdoc/>
    public CompressionResult Compress(BipartiteGraph graph, CompressionTarget target, CompressionContext context)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(context);
        var co = CoGraph.FromBipartite(graph);
        return BudgetedRun.Execute(graph, target, context, gamma => Run(Name, graph, co, gamma, context.Seed, leiden: false), b => ResolutionGuess.For(graph, b, context.Dim), 1e-4, 1e6, integer: false);
    }

    /// <summary>One clustering at one resolution, Louvain or Leiden.</summary>
    internal static MethodOutcome Run(string name, BipartiteGraph graph, CoGraph co, double gamma, int seed, bool leiden)
    {
        int levels;
        int[] labels = leiden ? Leiden.Run(co, gamma, seed, out levels) : Louvain.Run(co, gamma, seed, out levels);
        var (users, items) = DenseLabels.Split(labels, graph.UserCount);
        var assignment = CoClusterNumbering.Build(name, graph, users, items);
        return new MethodOutcome(assignment, new Dictionary<string, double>
        {
            ["levels"] = levels,
            ["Q"] = BipartiteModularity.Compute(graph, users, items, gamma),
        });
    }
}
