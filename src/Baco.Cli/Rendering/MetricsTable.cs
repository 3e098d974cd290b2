using System.Globalization;
using Baco.Codebooks;
using Baco.Training;
using Spectre.Console;

namespace Baco.Cli.Rendering;

/// <summary>
/// The table `baco train` prints: test metrics at each K (or, for a run without --test, the best
/// validation metrics, labelled as such), parameters and time.
/// </summary>
internal static class MetricsTable
{
    public static void Write(IAnsiConsole console, TrainingResult trained, CodebookAssignment assignment, int dim, string outDir)
    {
        var (metrics, what) = trained.Test is { } test ? (test, "test metrics") : (trained.Validation, "validation metrics (no --test given)");
        if (metrics is null)
        {
            console.WriteLine($"{assignment.Method}: not evaluated (no --test given, and no validation ran: '--eval-every' was 0 or above the epochs run).");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(assignment.Method)}[/]: {Markup.Escape(what)} (%)");
            table.AddColumn("K");
            table.AddColumn(new TableColumn("Recall (min(K,|rel|))").RightAligned());
            table.AddColumn(new TableColumn("Recall (|rel|)").RightAligned());
            table.AddColumn(new TableColumn("NDCG").RightAligned());
            foreach (int k in metrics.Ks)
            {
                table.AddRow(k.ToString(CultureInfo.InvariantCulture), Pct(metrics.RecallAt(k)), Pct(metrics.RecallUncappedAt(k)), Pct(metrics.NdcgAt(k)));
            }

            console.Write(table);
        }

        console.WriteLine(FormattableString.Invariant(
            $"parameters {assignment.Parameters(dim):N0} of {assignment.FullParameters(dim):N0} ({assignment.ParameterRatio(dim):P1}); best epoch {trained.BestEpoch} of {trained.EpochsRun}; {trained.Seconds:F1} s; saved to {outDir}"));
    }

    private static string Pct(double v) => (v * 100).ToString("F3", CultureInfo.InvariantCulture);
}
