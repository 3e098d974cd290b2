using System.Globalization;
using Baco.Clustering;
using Baco.Clustering.Balanced;
using Baco.Data;
using Baco.Graph;

namespace Baco.Bench;

/// <summary>BACO clustering time, its row counts against the authors' code, and its time beside the graph baselines'.</summary>
internal static class ClusteringBenchmarks
{
    /// <summary>Beauty with the authors' settings: gamma 0.1308, T = 5, degree / authors-cpm, always move, stop at 8,650 rows.</summary>
    public static void Beauty(DataSets data, int runs)
    {
        var graph = Load(data, "beauty");
        var baco = new BacoCompressor(BacoOptions.Paper with { StopRows = 8650, ItemWeights = WeightScheme.AuthorsCpm });
        var timing = Measure.Repeat(runs, () => baco.Run(graph, 0.1308, seed: 2025));
        Console.WriteLine($"beauty clustering (gamma 0.1308, stop 8,650 rows): {timing}");

        // The visiting order is random, so compare counts over many seeds with the authors' single run.
        var userRows = new List<double>();
        var itemRows = new List<double>();
        var secondary = new List<double>();
        var ratio = new List<double>();
        for (int seed = 0; seed < 20; seed++)
        {
            var run = baco.Run(graph, 0.1308, seed);
            userRows.Add(run.Assignment.Users.RowCount);
            itemRows.Add(run.Assignment.Items.RowCount);
            secondary.Add(run.SecondaryUsers);
            ratio.Add(run.Assignment.Parameters(64) / (double)run.Assignment.FullParameters(64));
        }

        Console.WriteLine("over seeds 0..19 (median [min, max]); the authors' code: 4,173 user rows, 3,807 item rows, 18,373 secondary, ratio 0.240");
        Console.WriteLine($"  user rows {Describe(userRows)}; item rows {Describe(itemRows)}; secondary users {Describe(secondary)}; ratio {Describe(ratio, "F3")}");
    }

    /// <summary>Gowalla with the authors' settings at gamma 7.57 and a row budget of 11,533.</summary>
    public static void Gowalla(DataSets data, int runs)
    {
        var graph = Load(data, "gowalla");
        var baco = new BacoCompressor(BacoOptions.Paper with { StopRows = 11533, ItemWeights = WeightScheme.AuthorsCpm });
        BacoRun? last = null;
        var timing = Measure.Repeat(runs, () => last = baco.Run(graph, 7.57, seed: 2025));
        Console.WriteLine($"gowalla clustering (gamma 7.57, stop 11,533 rows): {timing}");
        Console.WriteLine($"  {last!.Assignment.Users.RowCount:N0} user rows, {last.Assignment.Items.RowCount:N0} item rows, {last.SecondaryUsers:N0} secondary, ratio {last.Assignment.Parameters(64) / (double)last.Assignment.FullParameters(64):F3}");
        var noScu = new BacoCompressor(BacoOptions.Paper with { StopRows = 11533, SecondaryUserClusters = false, ItemWeights = WeightScheme.AuthorsCpm });
        Console.WriteLine($"  of which label propagation + numbering alone: {Measure.Repeat(runs, () => noScu.Run(graph, 7.57, seed: 2025))}");
    }

    /// <summary>
    /// Clustering time of BACO and the strong graph baselines side by side, one process, each
    /// searching its own knob to the same budget: medians and ratios to BACO.
    /// </summary>
    public static void Methods(DataSets data, string dataset, double fraction, int runs, string[] methods)
    {
        var graph = Load(data, dataset);
        var target = CompressionTarget.Fraction(fraction);
        var context = new CompressionContext(64, 0);
        Console.WriteLine($"{dataset}: budget {fraction} of the full table, d = 64, knob search included, {runs} runs each, {Parallelism.Threads} thread{(Parallelism.Threads == 1 ? "" : "s")}");
        Console.WriteLine("| method | median s | min s | rows | parameters | ratio to BACO's time |");
        Console.WriteLine("|---|---|---|---|---|---|");
        double? bacoMedian = null;
        foreach (string name in methods)
        {
            var method = CompressionMethods.Create(name);
            CompressionResult? last = null;
            var timing = Measure.Repeat(runs, () => last = method.Compress(graph, target, context), warmup: 0);
            bacoMedian ??= name == "baco" ? timing.Median : null;
            string ratio = bacoMedian is double b ? (timing.Median / b).ToString("F1", CultureInfo.InvariantCulture) + "x" : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {timing.Median:F3} | {timing.Min:F3} | {last!.Assignment.TotalRows:N0} | {last.Assignment.Parameters(64):N0} | {ratio} |"));
        }
    }

    private static BipartiteGraph Load(DataSets data, string name)
        => BipartiteGraph.FromDataset(InteractionReader.Read(data.File(name, "train.tsv")));

    private static string Describe(List<double> values, string format = "N0")
    {
        var sorted = values.Order().ToArray();
        string F(double v) => v.ToString(format, CultureInfo.InvariantCulture);
        return $"{F(sorted[sorted.Length / 2])} [{F(sorted[0])}, {F(sorted[^1])}]";
    }
}
