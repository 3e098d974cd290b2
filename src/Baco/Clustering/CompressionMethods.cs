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

/// <summary>One compression method: its command-line name, family, and what other parts of the product may rely on.</summary>
/// <param name="Name">Command-line name, also written into assignments.</param>
/// <param name="Family">How its rows are formed.</param>
/// <param name="RowsAreClusters">Each row is a set of entities chosen from the data (not a hash of ids), so a new clustering's rows can be matched to an earlier one's (<c>--previous</c>).</param>
public sealed record CompressionMethodInfo(string Name, MethodFamily Family, bool RowsAreClusters);

/// <summary>The compression methods by command-line name: the one place that knows them all.</summary>
public static class CompressionMethods
{
    private static readonly (CompressionMethodInfo Info, Func<BacoOptions, ICompressionMethod> Create)[] Registry =
    [
        (new("full", MethodFamily.Full, false), _ => new FullTable()),
        (new("baco", MethodFamily.Baco, true), o => new BacoCompressor(o)),
        (new("graphhash", MethodFamily.Graph, true), _ => new GraphHash()),
        (new("leiden", MethodFamily.Graph, true), _ => new LeidenClustering()),
        (new("scc", MethodFamily.Graph, true), _ => new SpectralCoClustering()),
        (new("lp", MethodFamily.Graph, true), _ => new LabelPropagation()),
        (new("doublegraphhash", MethodFamily.Graph, false), _ => new DoubleGraphHash()),
        (new("random", MethodFamily.Hashing, false), _ => new RandomHashing()),
        (new("hash", MethodFamily.Hashing, false), _ => new UniversalHashing()),
        (new("frequency", MethodFamily.Hashing, false), _ => new FrequencyHashing()),
        (new("double", MethodFamily.Hashing, false), _ => new DoubleHashing()),
        (new("hybrid", MethodFamily.Hashing, false), _ => new HybridHashing()),
        (new("lsh", MethodFamily.Hashing, true), _ => new LshHashing()),
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
