using Baco.Clustering.Balanced;
using Baco.Clustering.Community;
using Baco.Clustering.Hashing;
using Baco.Clustering.Spectral;

namespace Baco.Clustering;

/// <summary>How a compression method forms its rows.</summary>
public enum MethodFamily
{
    /// <summary>No compression: a row per entity.</summary>
    Full,

    /// <summary>BACO: balanced co-clusters of users and items.</summary>
    Baco,

    /// <summary>Graph clustering baselines: communities or spectral co-clusters of the interaction graph.</summary>
    Graph,

    /// <summary>Hashing baselines: rows are functions of ids, frequencies or signatures.</summary>
    Hashing,
}

/// <summary>How a method gives rows to an entity that arrives after the clustering (<c>baco assign</c>), without new rows.</summary>
public enum NewEntityRule
{
    /// <summary>It cannot: a new entity would need a row of its own, or its row depends on data the assignment does not keep.</summary>
    None,

    /// <summary>BACO's balanced gain over the co-clusters of its known neighbours, with the stored gamma, weights and volumes.</summary>
    BalancedGain,

    /// <summary>The co-cluster holding most of its known neighbours.</summary>
    MajorityCoCluster,

    /// <summary>The co-cluster holding most of its known neighbours, plus the method's hashed second row.</summary>
    MajorityCoClusterAndHash,

    /// <summary>Its dense id modulo the rows.</summary>
    IdModuloRows,

    /// <summary>The method's universal hash of its dense id.</summary>
    IdHash,

    /// <summary>The method's two hashes of its dense id.</summary>
    IdDoubleHash,

    /// <summary>Its dense id modulo the rows left to infrequent entities (a new entity is not a frequent one).</summary>
    SharedRowsModulo,

    /// <summary>The two hashes of its dense id into the rows left to infrequent entities.</summary>
    SharedRowsDoubleHash,
}

/// <summary>One compression method: its command-line name, family, and what other parts of the product may rely on.</summary>
/// <param name="Name">Command-line name, also written into assignments.</param>
/// <param name="Family">How its rows are formed.</param>
/// <param name="RowsAreClusters">Each row is a set of entities chosen from the data (not a hash of ids), so a new clustering's rows can be matched to an earlier one's (<c>--previous</c>).</param>
/// <param name="NewEntities">How an entity that arrives later gets rows (<c>baco assign</c>).</param>
/// <param name="NoNewEntitiesReason">Why it cannot, when <paramref name="NewEntities"/> is <see cref="NewEntityRule.None"/>.</param>
public sealed record CompressionMethodInfo(string Name, MethodFamily Family, bool RowsAreClusters, NewEntityRule NewEntities, string? NoNewEntitiesReason = null);

/// <summary>The compression methods by command-line name: the one place that knows them all.</summary>
public static class CompressionMethods
{
    private static readonly (CompressionMethodInfo Info, Func<BacoOptions, ICompressionMethod> Create)[] Registry =
    [
        (new("full", MethodFamily.Full, false, NewEntityRule.None, "it gives every entity its own row, so a new entity would need a new row; compress the data with the new entities instead"), _ => new FullTable()),
        (new("baco", MethodFamily.Baco, true, NewEntityRule.BalancedGain), o => new BacoCompressor(o)),
        (new("graphhash", MethodFamily.Graph, true, NewEntityRule.MajorityCoCluster), _ => new GraphHash()),
        (new("leiden", MethodFamily.Graph, true, NewEntityRule.MajorityCoCluster), _ => new LeidenClustering()),
        (new("scc", MethodFamily.Graph, true, NewEntityRule.MajorityCoCluster), _ => new SpectralCoClustering()),
        (new("lp", MethodFamily.Graph, true, NewEntityRule.MajorityCoCluster), _ => new LabelPropagation()),
        (new("doublegraphhash", MethodFamily.Graph, false, NewEntityRule.MajorityCoClusterAndHash), _ => new DoubleGraphHash()),
        (new("random", MethodFamily.Hashing, false, NewEntityRule.IdModuloRows), _ => new RandomHashing()),
        (new("hash", MethodFamily.Hashing, false, NewEntityRule.IdHash), _ => new UniversalHashing()),
        (new("frequency", MethodFamily.Hashing, false, NewEntityRule.SharedRowsModulo), _ => new FrequencyHashing()),
        (new("double", MethodFamily.Hashing, false, NewEntityRule.IdDoubleHash), _ => new DoubleHashing()),
        (new("hybrid", MethodFamily.Hashing, false, NewEntityRule.SharedRowsDoubleHash), _ => new HybridHashing()),
        (new("lsh", MethodFamily.Hashing, true, NewEntityRule.None, "its rows are runs of the training entities' signatures merged down to the budget, and where a new signature falls depends on every training signature, which the assignment does not keep"), _ => new LshHashing()),
    ];

    /// <summary>Every method, in the order reports list them.</summary>
    public static IReadOnlyList<CompressionMethodInfo> All { get; } = [.. Registry.Select(r => r.Info)];

    /// <summary>Names of all methods, in the order reports list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The method called <paramref name="name"/> (any case), or null.</summary>
    public static CompressionMethodInfo? Find(string name) => IndexOf(name) is int i and >= 0 ? All[i] : null;

    /// <summary>Creates a method by name; BACO's options apply to "baco" only.</summary>
    public static ICompressionMethod Create(string name, BacoOptions? bacoOptions = null)
    {
        int index = IndexOf(name);
        if (index < 0)
        {
            throw new InvalidSettingException("Method", $"'{name}' is not a compression method; choose one of {string.Join(", ", Names)}");
        }

        return Registry[index].Create(bacoOptions ?? new BacoOptions());
    }

    /// <summary>The registry position of <paramref name="name"/> (any case, surrounding spaces ignored), or -1.</summary>
    private static int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.FindIndex(Registry, r => string.Equals(r.Info.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
