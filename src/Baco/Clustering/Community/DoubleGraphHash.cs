using Baco.Clustering.Budget;
using Baco.Clustering.Hashing;
using Baco.Codebooks;
using Baco.Graph;

using Baco.Randomness;

namespace Baco.Clustering.Community;

/// <summary>
/// DoubleGraphHash (Wu et al. 2024, "GraphHash: Graph Clustering Enables Parameter Efficiency in
/// Recommender Systems"): the GraphHash cluster row plus one seeded universal-hash row of the same
/// side table, summed (<see cref="CodeCombiner.Sum"/>), as double hashing does with two hashes.
/// Every entity has two codes (one extra index each). Knob: the Louvain resolution gamma.
/// A hash equal to the cluster row moves to the next row so the two codes differ.
/// </summary>
public sealed class DoubleGraphHash : GraphClusteringMethod
{
    /// <inheritdoc/>
    public override string Name => "doublegraphhash";

    /// <inheritdoc/>
    private protected override KnobRun Cluster(BipartiteGraph graph, CoGraph co, double gamma, int seed)
    {
        var single = Communities(graph, co, gamma, seed, leiden: false);
        var a = single.Assignment;
        var users = AddHash(a.Users, SideHash(seed, users: true));
        var items = AddHash(a.Items, SideHash(seed, users: false));
        return new KnobRun(new CodebookAssignment(Name, users, items, CodeCombiner.Sum) { ItemRowOfUserRow = a.ItemRowOfUserRow, UserColdRow = a.UserColdRow, ItemColdRow = a.ItemColdRow }, single.Stats);
    }

    /// <summary>The hash that gives a side's entities their second row.</summary>
    internal static UniversalHash SideHash(int seed, bool users)
        => UniversalHash.For(seed, users ? StreamTag.DoubleGraphHashUsers : StreamTag.DoubleGraphHashItems);

    private static SideAssignment AddHash(SideAssignment side, UniversalHash hash)
    {
        int n = side.EntityCount, rows = side.RowCount;
        var codes = new int[2 * n];
        var offsets = new long[n + 1];
        for (int e = 0; e < n; e++)
        {
            int own = side.Codes[e];
            codes[2 * e] = own;
            codes[(2 * e) + 1] = hash.ApplyAvoiding(e, rows, own);
            offsets[e + 1] = 2 * (e + 1);
        }

        return new SideAssignment(rows, codes, offsets);
    }
}
