using System.Diagnostics;
using System.Globalization;
using System.Text;
using Baco.Clustering.Balanced;
using Baco.Data;
using Baco.Graph;

namespace Baco.Bench;

/// <summary>
/// A synthetic graph the size of MovieLens-20M: reading + graph + BACO at a fixed gamma,
/// and the process's peak memory. Generation runs in its own process so it does not count.
/// </summary>
internal static class ScaleBenchmarks
{
    public static void Generate(string path)
    {
        var sw = Stopwatch.StartNew();
        var data = SyntheticInteractions.Generate(SyntheticOptions.MovieLens20M with { ValidationFraction = 0, TestFraction = 0 }).Dataset;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var train = data.Train;
        for (int k = 0; k < train.Count; k++)
        {
            writer.Write(train.Users[k].ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(train.Items[k].ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }

        Console.WriteLine($"wrote {train.Count:N0} interactions ({data.UserCount:N0} users, {data.ItemCount:N0} items) to {path} in {sw.Elapsed.TotalSeconds:F1} s");
    }

    public static void Run(string path, double gamma)
    {
        var total = Stopwatch.StartNew();
        var sw = Stopwatch.StartNew();
        var data = InteractionReader.Read(path);
        double read = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var graph = BipartiteGraph.FromDataset(data);
        double build = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var run = new BacoCompressor().Run(graph, gamma, seed: 0);
        double cluster = sw.Elapsed.TotalSeconds;
        var a = run.Assignment;
        Console.WriteLine($"{graph.UserCount:N0} users, {graph.ItemCount:N0} items, {graph.EdgeCount:N0} interactions");
        Console.WriteLine($"read {read:F2} s, graph {build:F2} s, BACO (gamma {gamma}) {cluster:F2} s, total {total.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"{a.Users.RowCount:N0} user rows, {a.Items.RowCount:N0} item rows, {a.Parameters(64):N0} parameters ({a.Parameters(64) / (double)a.FullParameters(64):P1})");
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB");
    }
}
