using Baco.Clustering.Budget;
using Baco.Graph;

namespace Baco.Clustering.Community;

/// <summary>
/// GraphHash (Wu et al. 2024, "GraphHash: Graph Clustering Enables Parameter Efficiency in
/// Recommender Systems"): users and items are nodes of one bipartite graph, clustered by Louvain
/// (Blondel et al. 2008) maximising bipartite modularity (Barber 2007) with a resolution; every
/// entity points to the row of its cluster on its side. Knob: the resolution gamma (more
/// resolution, more clusters, more rows). Isolated entities: one cold row per side.
/// </summary>
public sealed class GraphHash : GraphClusteringMethod
{
    /// <inheritdoc/>
    public override string Name => "graphhash";

    /// <inheritdoc/>
    private protected override KnobRun Cluster(BipartiteGraph graph, CoGraph co, double gamma, int seed)
        => Communities(graph, co, gamma, seed, leiden: false);
}
