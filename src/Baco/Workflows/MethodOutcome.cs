using Baco.Clustering;
using Baco.Training;

namespace Baco.Workflows;

/// <summary>One method's row of a comparison: its compression and training, or why it failed.</summary>
/// <param name="Method">Method name.</param>
/// <param name="Compression">The compression result (null if it failed).</param>
/// <param name="Training">The training result (null if compression or training failed).</param>
/// <param name="Error">What went wrong, in a sentence, or null.</param>
public sealed record MethodOutcome(string Method, CompressionResult? Compression, TrainingResult? Training, string? Error)
{
    /// <summary>Whether the method produced test metrics.</summary>
    public bool Succeeded => Error is null && Training?.Test is not null;

    /// <summary>Whether the failure was caused by the input (a <see cref="BacoException"/>), not by a defect.</summary>
    public bool FailedOnInput { get; init; }

    /// <summary>Whether the method did not finish because the comparison was cancelled (<see cref="ComparisonInterruptedException"/>).</summary>
    public bool Interrupted { get; init; }
}
