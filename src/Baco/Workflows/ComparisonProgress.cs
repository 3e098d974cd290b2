using Baco.Training;

namespace Baco.Workflows;

/// <summary>Where a method of a comparison is.</summary>
public enum ComparisonStage
{
    /// <summary>Computing its assignment.</summary>
    Compress,

    /// <summary>Training on its assignment (with <see cref="ComparisonProgress.Training"/>).</summary>
    Train,

    /// <summary>Trained and evaluated.</summary>
    Done,

    /// <summary>Stopped by an error; the comparison goes on with the next method.</summary>
    Failed,
}

/// <summary>Progress of a comparison: which method is at which stage, with training progress when training.</summary>
/// <param name="Method">The method being run.</param>
/// <param name="Index">0-based position of the method in the list.</param>
/// <param name="Count">Number of methods.</param>
/// <param name="Stage">Where the method is.</param>
/// <param name="Message">A line for humans.</param>
/// <param name="Training">Training progress, during <see cref="ComparisonStage.Train"/>.</param>
public sealed record ComparisonProgress(string Method, int Index, int Count, ComparisonStage Stage, string Message, TrainingProgress? Training = null);
