using Baco.Workflows;

namespace Baco.Cli.Rendering;

/// <summary>Comparison progress on stderr: stage lines, and training progress labelled by method.</summary>
internal sealed class ComparisonProgressPrinter(TextWriter error, bool live) : IProgress<ComparisonProgress>
{
    private TrainingProgressPrinter? _training;
    private string _method = string.Empty;

    public void Report(ComparisonProgress p)
    {
        if (p.Training is { } t)
        {
            if (_training is null || _method != p.Method)
            {
                _method = p.Method;
                _training = new TrainingProgressPrinter(error, live, $"{p.Index + 1}/{p.Count} {p.Method}");
            }

            _training.Report(t);
            return;
        }

        if (p.Message.Length > 0)
        {
            error.WriteLine($"[{p.Index + 1}/{p.Count}] {p.Message}");
        }
    }
}
