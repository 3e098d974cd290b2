using System.Diagnostics;
using System.Globalization;
using Baco.Clustering;
using Baco.Clustering.Baselines;
using Baco.Data;
using Baco.Graph;

namespace Baco.Bench;

/// <summary>
/// Times the graph baselines (and, for reference, the hashing ones) on Gowalla's training split
/// at a budget of 0.17 of the full table (d = 64), the budget search included. Prints one line
/// per method: median seconds over the runs, rows, parameters, knob, search runs.
/// Arguments: [train.tsv path] [runs] [budget fraction] [method names, comma-separated].
/// </summary>
public static class BaselineBenchmarks
{
    /// <summary>Default data file.</summary>
    public const string GowallaTrain = "/work/shared/datasets/gowalla/train.tsv";

    /// <summary>Runs the benchmark and returns an exit code.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string path = args.Length > 0 ? args[0] : GowallaTrain;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        double fraction = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.17;
        ICompressionMethod[] all =
        [
            new GraphHash(), new LeidenClustering(), new LabelPropagation(), new DoubleGraphHash(), new SpectralCoClustering(),
            new RandomHashing(), new UniversalHashing(), new FrequencyHashing(), new DoubleHashing(), new HybridHashing(), new LshHashing(),
        ];
        var wanted = args.Length > 3 ? args[3].Split(',') : null;
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
                $"| {method.Name} | {median:F2} | {last.Assignment.TotalRows:N0} ({last.Assignment.Users.RowCount:N0} + {last.Assignment.Items.RowCount:N0}) | {p:N0} | {(double)p / full:F4} | {last.Knob:G5} | {last.Stats.GetValueOrDefault("search_runs", 1):F0} |"));
        }

        return 0;
    }
}
