using Baco.Workflows;
using ScottPlot;

namespace Baco.Cli.Rendering;

/// <summary>The comparison's PNG plots: recall against parameter ratio, and sorted cluster sizes per method.</summary>
internal static class ComparisonPlots
{
    public static void RecallVersusRatio(IReadOnlyList<MethodOutcome> outcomes, int dim, string path, int headlineK)
    {
        var plot = new Plot();
        foreach (var o in outcomes.Where(o => o.Succeeded))
        {
            var a = o.Compression!.Assignment;
            double ratio = a.ParameterRatio(dim);
            double recall = o.Training!.Test!.RecallAt(headlineK) * 100;
            var marker = plot.Add.Marker(ratio, recall);
            marker.Size = 10;
            marker.LegendText = o.Method;
            var text = plot.Add.Text(o.Method, ratio, recall);
            text.LabelFontSize = 12;
            text.OffsetX = 6;
        }

        plot.Title($"Recall@{headlineK} against parameter ratio");
        plot.XLabel("parameters / full-table parameters");
        plot.YLabel($"Recall@{headlineK} (%)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 600);
    }

    public static void ClusterSizes(IReadOnlyList<MethodOutcome> outcomes, string path)
    {
        var plot = new Plot();
        foreach (var o in outcomes.Where(o => o.Compression is not null && o.Method != "full"))
        {
            var a = o.Compression!.Assignment;
            var sizes = a.Users.RowSizes().Concat(a.Items.RowSizes()).Where(s => s > 0).OrderDescending().Select(s => Math.Log10(s)).ToArray();
            var xs = Enumerable.Range(1, sizes.Length).Select(r => Math.Log10(r)).ToArray();
            var line = plot.Add.ScatterLine(xs, sizes);
            line.LegendText = o.Method;
            line.LineWidth = 2;
        }

        plot.Title("Sorted codebook-row sizes (users and items), log-log");
        plot.XLabel("log10 rank of the row");
        plot.YLabel("log10 entities sharing the row");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 600);
    }
}
