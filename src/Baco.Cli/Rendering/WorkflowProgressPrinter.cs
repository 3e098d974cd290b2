using Baco.Workflows;

namespace Baco.Cli.Rendering;

/// <summary>
/// A workflow's progress on stderr: steps as timestamped progress lines, notes as "note:" lines
/// (a stored assignment's hold-out mismatch in the command's own words), training as
/// <see cref="TrainingProgressPrinter"/> shows it.
/// </summary>
internal sealed class WorkflowProgressPrinter(CliIO io, Func<HoldOutMismatch, string>? holdOutNote = null) : IProgress<WorkflowProgress>
{
    private readonly TrainingProgressPrinter _training = new(io.Error, live: io.Error == Console.Error && !Console.IsErrorRedirected);

    public void Report(WorkflowProgress value)
    {
        switch (value.Kind)
        {
            case WorkflowProgressKind.Training when value.Training is { } t:
                _training.Report(t);
                break;
            case WorkflowProgressKind.Note when value.HoldOut is { } mismatch && holdOutNote is not null:
                io.Error.WriteLine(holdOutNote(mismatch));
                break;
            case WorkflowProgressKind.Note:
                io.Error.WriteLine($"note: {value.Message}");
                break;
            case WorkflowProgressKind.Status:
                io.Progress.Report(value.Message);
                break;
        }
    }
}
