using System.Globalization;
using Baco.Training;

namespace Baco.Cli.Rendering;

/// <summary>
/// Training progress on stderr: on a terminal a live line per batch (loss, examples/s, ETA),
/// otherwise one line per epoch; validation results, resuming and interruption always on their own line.
/// </summary>
internal sealed class TrainingProgressPrinter(TextWriter error, bool live, string label = "") : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress p)
    {
        string prefix = label.Length > 0 ? $"[{label}] " : string.Empty;
        string eta = p.EarlyStopEta is { } early ? $"up to {Format(p.Eta)} ({Format(early)} if validation stops improving)" : Format(p.Eta);
        switch (p.Phase)
        {
            case TrainingPhase.Resumed:
                error.WriteLine(FormattableString.Invariant($"{prefix}resuming from epoch {p.Epoch} of {p.Checkpoint}"));
                break;
            case TrainingPhase.Interrupted when p.Checkpoint is { } file:
                error.WriteLine(FormattableString.Invariant($"{(live ? "\n" : string.Empty)}{prefix}interrupted at epoch {p.Epoch}; checkpoint written to {file}; run the same command to resume{(p.BestEpoch > 0 ? $"; evaluating the best validated model (epoch {p.BestEpoch}) to keep it" : string.Empty)}"));
                break;
            case TrainingPhase.Interrupted:
                error.WriteLine(FormattableString.Invariant($"{(live ? "\n" : string.Empty)}{prefix}interrupted after {p.Epoch} epochs{(p.BestEpoch > 0 ? $"; evaluating the best validated model (epoch {p.BestEpoch}) to keep it" : "; nothing validated, so nothing kept")} (with --checkpoint FILE an interrupted run can be resumed)"));
                break;
            case TrainingPhase.Batch when live:
                error.Write(FormattableString.Invariant($"\r{prefix}epoch {p.Epoch} batch {p.Batch}/{p.BatchesPerEpoch} loss {p.Loss:F4} {p.ExamplesPerSecond:N0} ex/s ETA {eta}   "));
                break;
            case TrainingPhase.EpochEnd:
                error.WriteLine(FormattableString.Invariant($"{(live ? "\r" : string.Empty)}{prefix}epoch {p.Epoch} loss {p.Loss:F4} {p.ExamplesPerSecond:N0} ex/s ETA {eta}        "));
                break;
            case TrainingPhase.Validation when p.Validation is { } v:
                error.WriteLine(FormattableString.Invariant($"{prefix}  validation after epoch {p.Epoch}: {v.Summary()} (best epoch {p.BestEpoch})"));
                break;
        }
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
