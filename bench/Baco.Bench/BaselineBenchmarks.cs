using System.Diagnostics;
using System.Globalization;
using Baco.Clustering;
using Baco.Clustering.Community;
using Baco.Clustering.Hashing;
using Baco.Clustering.Spectral;
using Baco.Data;
using Baco.Graph;

namespace Baco.Bench;

/// <summary>
/// Times the graph baselines (and, for reference, the hashing ones) on a data set's training
/// split (Gowalla by default) at a budget of a fraction of the full table (0.17 by default, d = 64),
/// the budget search included. Prints one line per method: median seconds over the runs, rows,
/// parameters, knob, search runs.
/// </summary>
internal static class BaselineBenchmarks
{
    /// <summary>Runs the benchmark and returns an exit code; <paramref name="wanted"/> null runs every method.</summary>
    public static int Run(DataSets data, string dataset, int runs, double fraction, string[]? wanted)
    {
        string path = data.File(dataset, "train.tsv");
        ICompressionMethod[] all =
        [
            new GraphHash(), new LeidenClustering(), new LabelPropagation(), new DoubleGraphHash(), new SpectralCoClustering(),
            new RandomHashing(), new UniversalHashing(), new FrequencyHashing(), new DoubleHashing(), new HybridHashing(), new LshHashing(),
        ];
        var load = Stopwatch.StartNew();
        var graph = BipartiteGraph.FromDataset(InteractionReader.Read(path));
        Console.WriteLine($"# baselines on {path}: {graph.UserCount:N0} users, {graph.ItemCount:N0} items, {graph.EdgeCount:N0} edges (read {load.Elapsed.TotalSeconds:F1} s); budget {fraction}, d = 64, {runs} runs, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("| method | median s | rows | params | share | knob | search runs |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var target = CompressionTarget.Fraction(fraction);
        var context = new CompressionContext(64, 2025);
        long full = (long)(graph.UserCount + graph.ItemCount) * 64;
        foreach (var method in all)
        {
            if (wanted is not null && !wanted.Contains(method.Name))
            {
                continue;
            }

            var seconds = new List<double>();
            CompressionResult? last = null;
            for (int r = 0; r < runs; r++)
            {
                var clock = Stopwatch.StartNew();
                last = method.Compress(graph, target, context);
                seconds.Add(clock.Elapsed.TotalSeconds);
            }

            seconds.Sort();
            double median = seconds[seconds.Count / 2];
            long p = last!.Assignment.Parameters(64);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {method.Name} | {median:F2} | {last.Assignment.TotalRows:N0} ({last.Assignment.Users.RowCount:N0} + {last.Assignment.Items.RowCount:N0}) | {p:N0} | {(double)p / full:F4} | {last.Knob:G5} | {last.Stats.SearchRuns ?? 1:N0} |"));
        }

        return 0;
    }
}
