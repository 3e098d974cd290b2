using Baco.Clustering.Budget;
using Baco.Graph;

namespace Baco.Clustering.Community;

/// <summary>
/// The Leiden baseline of the BACO paper: the Leiden algorithm (Traag, Waltman, van Eck 2019,
/// "From Louvain to Leiden: guaranteeing well-connected communities") on the same bipartite
/// modularity with resolution as <see cref="GraphHash"/>. Knob: the resolution gamma.
/// Isolated entities: one cold row per side.
/// </summary>
public sealed class LeidenClustering : GraphClusteringMethod
{
    /// <inheritdoc/>
    public override string Name => "leiden";

    /// <inheritdoc/>
    private protected override KnobRun Cluster(BipartiteGraph graph, CoGraph co, double gamma, int seed)
        => Communities(graph, co, gamma, seed, leiden: true);
}
