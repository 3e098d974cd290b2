using Baco.Training;

namespace Baco.Workflows;

/// <summary>What a <see cref="WorkflowProgress"/> report is.</summary>
public enum WorkflowProgressKind
{
    /// <summary>A step of the work: what is being done, or what a step found.</summary>
    Status,

    /// <summary>Something the caller should know about the result (e.g. that a budget buys the full table): not an error, the work goes on.</summary>
    Note,

    /// <summary>Training progress (<see cref="WorkflowProgress.Training"/> is set).</summary>
    Training,
}

/// <summary>
/// A progress report of <see cref="CompressWorkflow"/> and <see cref="TrainWorkflow"/>, in the
/// order things happen. Workflows never write to the console: a front end renders these.
/// </summary>
/// <param name="Kind">What the report is.</param>
/// <param name="Message">A line for humans (empty for training progress).</param>
public sealed record WorkflowProgress(WorkflowProgressKind Kind, string Message)
{
    /// <summary>Training progress, for <see cref="WorkflowProgressKind.Training"/>.</summary>
    public TrainingProgress? Training { get; init; }

    /// <summary>For a note about a stored assignment's validation hold-out: the mismatch it describes.</summary>
    public HoldOutMismatch? HoldOut { get; init; }

    internal static WorkflowProgress Status(string message) => new(WorkflowProgressKind.Status, message);

    internal static WorkflowProgress Note(string message) => new(WorkflowProgressKind.Note, message);
}

/// <summary>Synchronous progress relay (System.Progress would post to the thread pool and reorder lines).</summary>
internal sealed class Relay<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
