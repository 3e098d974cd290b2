using System.Globalization;
using Baco.Training;

namespace Baco.Cli.Rendering;

/// <summary>
/// Training progress on stderr: on a terminal a live line per batch (loss, examples/s, ETA),
/// otherwise one line per epoch; validation results always on their own line.
/// </summary>
internal sealed class TrainingProgressPrinter(TextWriter error, bool live, string label = "") : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress p)
    {
        string prefix = label.Length > 0 ? $"[{label}] " : string.Empty;
        string eta = p.Eta.TotalHours >= 1 ? p.Eta.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : p.Eta.ToString(@"m\:ss", CultureInfo.InvariantCulture);
        switch (p.Phase)
        {
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
}
