using Baco.Clustering.Baco;
using Baco.Clustering.Baselines;

namespace Baco.Clustering;

/// <summary>The compression methods by command-line name: the one place that knows them all.</summary>
public static class CompressionMethods
{
    private static readonly Dictionary<string, Func<BacoOptions, ICompressionMethod>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["full"] = _ => new FullTable(),
        ["baco"] = o => new BacoCompressor(o),
        ["graphhash"] = _ => new GraphHash(),
        ["leiden"] = _ => new LeidenClustering(),
        ["scc"] = _ => new SpectralCoClustering(),
        ["lp"] = _ => new LabelPropagation(),
        ["doublegraphhash"] = _ => new DoubleGraphHash(),
        ["random"] = _ => new RandomHashing(),
        ["hash"] = _ => new UniversalHashing(),
        ["frequency"] = _ => new FrequencyHashing(),
        ["double"] = _ => new DoubleHashing(),
        ["hybrid"] = _ => new HybridHashing(),
        ["lsh"] = _ => new LshHashing(),
    };

    /// <summary>Names of all methods, in the order reports list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>Creates a method by name; BACO's options apply to "baco" only.</summary>
    public static ICompressionMethod Create(string name, BacoOptions? bacoOptions = null)
    {
        if (!Factories.TryGetValue(name.Trim(), out var factory))
        {
            throw new InvalidSettingException("Method", $"'{name}' is not a compression method; choose one of {string.Join(", ", Names)}");
        }

        return factory(bacoOptions ?? new BacoOptions());
    }
}
