using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering;

/// <summary>Settings every compression method receives.</summary>
/// <param name="Dim">Embedding dimension, used to count parameters against a budget.</param>
/// <param name="Seed">Seed of every random choice the method makes.</param>
/// <param name="Progress">Optional sink for human-readable progress lines.</param>
public sealed record CompressionContext(int Dim = 64, int Seed = 0, IProgress<string>? Progress = null)
{
    private readonly int _dim = Checked(Dim);

    /// <summary>Embedding dimension, at least 1 (<see cref="InvalidSettingException"/> otherwise, as for training's).</summary>
    public int Dim
    {
        get => _dim;
        init => _dim = Checked(value);
    }

    private static int Checked(int dim) => dim >= 1 ? dim : throw new InvalidSettingException(nameof(Dim), $"{dim} must be at least 1");
}

/// <summary>What a compression method returns.</summary>
/// <param name="Assignment">The codebook assignment.</param>
/// <param name="Knob">The value of the method's knob that produced it (gamma, resolution, clusters, rows), or NaN if none.</param>
/// <param name="Seconds">Time spent computing the assignment, including any knob search, excluding I/O.</param>
/// <param name="Stats">What the run reports about itself (search runs, passes, modularity, ...).</param>
public sealed record CompressionResult(CodebookAssignment Assignment, double Knob, double Seconds, CompressionStats Stats);

/// <summary>
/// A way of compressing the user and item embedding tables of a bipartite graph into codebooks.
/// Implementations are stateless apart from their hyperparameters and deterministic for a seed.
/// </summary>
public interface ICompressionMethod
{
    /// <summary>Short lower-case name used on the command line and in reports (e.g. "baco").</summary>
    string Name { get; }

    /// <summary>Computes an assignment for the graph that meets the target.</summary>
    CompressionResult Compress(BipartiteGraph graph, CompressionTarget target, CompressionContext context);
}
