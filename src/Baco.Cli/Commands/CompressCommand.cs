using System.CommandLine;
using Baco.Cli.Rendering;
using Baco.Clustering;
using Baco.Graph;
using Baco.IO;
using Baco.Reports;

namespace Baco.Cli.Commands;

/// <summary>`baco compress`: interactions in, codebook assignment directory out. Validation and test files, if given, only widen the id space.</summary>
internal static class CompressCommand
{
    public static Command Create(CliIO io)
    {
        var data = new DataOptions();
        var target = new TargetOptions();
        var baco = new BacoOptionsBinder();
        var method = new Option<string>("--method") { Description = "Compression method: " + string.Join(", ", CompressionMethods.Names) + ".", DefaultValueFactory = _ => "baco" };
        var dim = new Option<int>("--dim") { Description = "Embedding dimension used to count parameters.", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory (written atomically).", DefaultValueFactory = _ => new DirectoryInfo("baco-out") };
        var json = new Option<bool>("--json") { Description = "Print summary.json to stdout instead of the table." };

        var command = new Command("compress", "Compute a compressed embedding-table assignment and write it to a directory.");
        data.AddTo(command, withEvaluationFiles: true); // val/test only widen the id space, so a later `baco train` matches it
        command.Options.Add(method);
        target.AddTo(command);
        command.Options.Add(dim);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(json);
        baco.AddTo(command);
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            var progress = io.Progress;
            int d = parsed.GetValue(dim);
            if (d < 1)
            {
                throw new CliError($"'--dim': {d} must be at least 1.");
            }

            var outDir = parsed.GetValue(output)!;
            OutputGuard.EnsureReplaceable(outDir.FullName);
            var compressionTarget = target.Bind(parsed);
            var compressor = CompressionMethods.Create(parsed.GetValue(method)!, baco.Bind(parsed));

            var loaded = data.Load(parsed, progress);
            var graph = BipartiteGraph.FromDataset(loaded.Dataset);
            progress.Report($"{graph.UserCount:N0} users, {graph.ItemCount:N0} items, {graph.EdgeCount:N0} interactions; {compressor.Name}, {compressionTarget}");
            var context = new CompressionContext(d, parsed.GetValue(seed), progress);
            var result = compressor.Compress(graph, compressionTarget, context);
            var summary = CompressionSummary.From(result, graph, compressionTarget, context);
            var summaryJson = summary.ToJson();
            summaryJson["source"] = loaded.Source;
            AssignmentStore.Write(outDir.FullName, result.Assignment, loaded.Dataset.Users, loaded.Dataset.Items, summaryJson);
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(summaryJson.ToJsonString(new() { WriteIndented = true }));
            }
            else
            {
                CompressionReport.Write(io.Console, summary, result.Assignment, loaded.Source, outDir.FullName);
            }

            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }
}
