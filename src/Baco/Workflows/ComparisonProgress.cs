using Baco.Training;

namespace Baco.Workflows;

/// <summary>Progress of a comparison: which method is at which stage, with training progress when training.</summary>
/// <param name="Method">The method being run.</param>
/// <param name="Index">0-based position of the method in the list.</param>
/// <param name="Count">Number of methods.</param>
/// <param name="Stage">"compress", "train", "done" or "failed".</param>
/// <param name="Message">A line for humans.</param>
/// <param name="Training">Training progress, during "train".</param>
public sealed record ComparisonProgress(string Method, int Index, int Count, string Stage, string Message, TrainingProgress? Training = null);
