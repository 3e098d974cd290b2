using System.Globalization;
using Baco.Codebooks;
using Baco.Training;
using Spectre.Console;

namespace Baco.Cli.Rendering;

/// <summary>The table `baco train` prints: test metrics at each K, parameters and time.</summary>
internal static class MetricsTable
{
    public static void Write(IAnsiConsole console, TrainingResult trained, CodebookAssignment assignment, int dim, string outDir)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(assignment.Method)}[/]: test metrics (%)");
        table.AddColumn("K");
        table.AddColumn(new TableColumn("Recall (min(K,|rel|))").RightAligned());
        table.AddColumn(new TableColumn("Recall (|rel|)").RightAligned());
        table.AddColumn(new TableColumn("NDCG").RightAligned());
        if (trained.Test is { } t)
        {
            foreach (int k in t.Ks)
            {
                table.AddRow(k.ToString(CultureInfo.InvariantCulture), Pct(t.RecallAt(k)), Pct(t.RecallUncappedAt(k)), Pct(t.NdcgAt(k)));
            }
        }

        console.Write(table);
        console.WriteLine(FormattableString.Invariant(
            $"parameters {assignment.Parameters(dim):N0} of {assignment.FullParameters(dim):N0} ({assignment.ParameterRatio(dim):P1}); best epoch {trained.BestEpoch} of {trained.EpochsRun}; {trained.Seconds:F1} s; saved to {outDir}"));
    }

    private static string Pct(double v) => (v * 100).ToString("F3", CultureInfo.InvariantCulture);
}
