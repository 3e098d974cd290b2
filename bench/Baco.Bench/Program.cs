using System.Diagnostics;
using Baco.Clustering.Baco;
using Baco.Data;
using Baco.Graph;

var data = InteractionReader.Read(args[0]);
var graph = BipartiteGraph.FromDataset(data);
var baco = new BacoCompressor(new BacoOptions { MoveRule = Environment.GetEnvironmentVariable("RULE") == "better" ? MoveRule.IfBetter : MoveRule.Always, Passes = int.Parse(Environment.GetEnvironmentVariable("T") ?? "5") });
double gamma = double.Parse(args[1]);
int? stop = args.Length > 2 ? int.Parse(args[2]) : null;
for (int r = 0; r < int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "3"); r++)
{
    var sw = Stopwatch.StartNew();
    var run = baco.Run(graph, gamma, r, stop);
    if (r < 0) foreach (var p in run.Clusters.Passes) Console.WriteLine(p);
    Console.WriteLine($"{sw.Elapsed.TotalMilliseconds:F1} ms users rows {run.Assignment.Users.RowCount} items rows {run.Assignment.Items.RowCount} sec {run.SecondaryUsers} params {run.Assignment.Parameters(64)} ratio {run.Assignment.Parameters(64) / (double)run.Assignment.FullParameters(64):F4} passes {run.Clusters.Passes.Count} early {run.Clusters.StoppedEarly}");
}
