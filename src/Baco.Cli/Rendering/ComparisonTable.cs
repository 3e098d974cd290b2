using System.Globalization;
using Baco.Reports;
using Baco.Workflows;
using Spectre.Console;

namespace Baco.Cli.Rendering;

/// <summary>The comparison table on the console.</summary>
internal static class ComparisonTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<MethodOutcome> outcomes, int dim, string title, int headlineK)
    {
        int[] ks = ComparisonReport.EvaluatedKs(outcomes);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        string[] heads = ["method", "rows", "ratio", "cluster s", "train s", .. ks.Select(k => $"R@{k}"), .. ks.Select(k => $"N@{k}")];
        foreach (var h in heads)
        {
            table.AddColumn(h == "method" ? new TableColumn(h) : new TableColumn(h).RightAligned());
        }

        string? best = outcomes.Where(o => o.Succeeded).MaxBy(o => o.Training!.Test!.RecallAt(headlineK))?.Method;
        foreach (var o in outcomes)
        {
            var a = o.Compression?.Assignment;
            string name = o.Method == best ? $"[bold]{Markup.Escape(o.Method)}[/]" : Markup.Escape(o.Method);
            string rows = a is null ? "-" : a.TotalRows.ToString("N0", CultureInfo.InvariantCulture);
            string ratio = a is null ? "-" : a.ParameterRatio(dim).ToString("P1", CultureInfo.InvariantCulture);
            string cs = o.Compression is null ? "-" : o.Compression.Seconds.ToString("F2", CultureInfo.InvariantCulture);
            if (!o.Succeeded)
            {
                table.AddRow([name, rows, ratio, cs, "-", (o.Interrupted ? $"[yellow]{Markup.Escape(o.Error ?? "interrupted")}[/]" : $"[red]failed: {Markup.Escape(o.Error ?? "?")}[/]"), .. Enumerable.Repeat(string.Empty, heads.Length - 6)]);
                continue;
            }

            var t = o.Training!.Test!;
            string P(double v) => (v * 100).ToString("F2", CultureInfo.InvariantCulture);
            table.AddRow([name, rows, ratio, cs, o.Training.Seconds.ToString("F1", CultureInfo.InvariantCulture),
                .. ks.Select(k => P(t.RecallAt(k))), .. ks.Select(k => P(t.NdcgAt(k)))]);
        }

        console.Write(table);
        if (ComparisonReport.BestBaseline(outcomes, headlineK) is { } bb && outcomes.FirstOrDefault(o => o.Method == "baco" && o.Succeeded) is { } baco)
        {
            double diff = (baco.Training!.Test!.RecallAt(headlineK) / bb.Value) - 1;
            console.MarkupLine(Markup.Escape(FormattableString.Invariant($"BACO vs the best baseline ({bb.Method}) in test Recall@{headlineK}: {diff:+0.0%;-0.0%}")));
        }

        if (ComparisonReport.InterruptedNote(outcomes) is { } interrupted)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(interrupted)}[/]");
        }

        if (MethodRecommendation.Choose(outcomes, headlineK) is { } recommended)
        {
            console.MarkupLine($"[bold]{Markup.Escape(recommended.Describe())}[/]");
        }

        console.WriteLine("Metrics in %; Recall@K = hits / min(K, |relevant|).");
    }
}
