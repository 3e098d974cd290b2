using Baco.Clustering;
using Baco.Clustering.Balanced;
using Baco.Training;

namespace Baco.Workflows;

/// <summary>What a side-by-side comparison runs: every method compresses to the same target, then trains with identical settings and seed.</summary>
public sealed record ComparisonOptions
{
    /// <summary>The methods the comparison runs when none are named.</summary>
    public static IReadOnlyList<string> DefaultMethods { get; } = ["full", "baco", "graphhash", "leiden", "scc", "lp", "random", "double", "frequency"];

    /// <summary>Method names, in report order.</summary>
    public IReadOnlyList<string> Methods { get; init; } = DefaultMethods;

    /// <summary>The shared compression target.</summary>
    public CompressionTarget Target { get; init; } = CompressionTarget.Fraction(0.25);

    /// <summary>Training settings shared by every method (the seed included).</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>BACO's hyperparameters.</summary>
    public BacoOptions Baco { get; init; } = new();
}
