using System.CommandLine;
using System.Text.Json.Nodes;
using Baco.Cli.Rendering;
using Baco.Clustering;
using Baco.Graph;
using Baco.IO;
using Baco.Reports;
using Baco.Training;

namespace Baco.Cli.Commands;

/// <summary>`baco compress`: interactions in, codebook assignment directory out. Validation and test files, if given, only widen the id space.</summary>
internal static class CompressCommand
{
    /// <summary>summary.json key recording the validation hold-out an assignment was made without.</summary>
    public const string ValidationHoldOutKey = "validation_holdout";

    public static Command Create(CliIO io)
    {
        var data = new DataOptions();
        var target = new TargetOptions();
        var baco = new BacoOptionsBinder();
        var method = CliOptions.Choice("--method", "Compression method: " + string.Join(", ", CompressionMethods.Names) + ".", "baco", CompressionMethods.Names);
        var dim = CliOptions.Number("--dim", "Embedding dimension used to count parameters.", 64, d => d is >= 1 and <= TrainingOptionsBinder.MaxDim, $"must be between 1 and {TrainingOptionsBinder.MaxDim:N0}");
        var seed = CliOptions.Seed("Seed of every random choice.");
        var output = CliOptions.Path("--out", "Output directory (written atomically; an existing one is replaced only if baco wrote it).", "baco-out");
        var json = new Option<bool>("--json") { Description = "Print summary.json to stdout instead of the table." };
        var valFraction = CliOptions.Number(
            "--val-fraction",
            "Hold out this seeded share of each user's training interactions, as 'baco train' does without --val (same --seed), and compress the rest: an assignment for 'baco train --assignment' that never saw the validation part. 0 (default): compress all of --train.",
            0.0,
            f => f is >= 0 and < 1,
            "must be at least 0 and below 1");

        var command = new Command("compress", "Compute a compressed embedding-table assignment and write it to a directory.");
        data.AddTo(command, withEvaluationFiles: true); // val/test only widen the id space, so a later `baco train` matches it
        command.Options.Add(method);
        target.AddTo(command);
        command.Options.Add(dim);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(valFraction);
        baco.AddTo(command);
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            int d = parsed.GetValue(dim);
            double fraction = parsed.GetValue(valFraction);
            if (fraction > 0 && parsed.GetValue(data.Validation) is not null)
            {
                throw new CliError("'--val-fraction' holds out validation interactions when there is no --val file; give one or the other.");
            }

            var compressionTarget = target.Bind(parsed);
            baco.RefuseUnlessBaco(parsed, parsed.GetValue(method)!);
            target.RefuseKnobForFull(parsed, parsed.GetValue(method)!);
            var compressor = CompressionMethods.Create(parsed.GetValue(method)!, baco.Bind(parsed));
            using var outDir = OutputPaths.Prepare("--out", parsed.GetValue(output)!, "baco compress", data.Inputs(parsed));

            var loaded = data.Load(parsed, io);
            var dataset = loaded.Dataset;
            if (fraction > 0)
            {
                // The very split 'baco train' makes with this fraction and seed (ValidationSplit.Prepare).
                dataset = ValidationSplit.Prepare(dataset, new TrainingOptions { ValidationFraction = fraction, Seed = (ulong)parsed.GetValue(seed) });
            }

            var graph = BipartiteGraph.FromDataset(dataset);
            io.Progress.Report($"{graph.UserCount:N0} users, {graph.ItemCount:N0} items, {graph.EdgeCount:N0} interactions; {compressor.Name}, {compressionTarget}");
            if (TargetOptions.FullTableNote(compressionTarget, graph.UserCount, graph.ItemCount, d) is { } note)
            {
                io.Error.WriteLine(note);
            }

            var context = new CompressionContext(d, parsed.GetValue(seed), io.Progress);
            var result = compressor.Compress(graph, compressionTarget, context);
            var summary = CompressionSummary.From(result, graph, compressionTarget, context);
            var summaryJson = summary.ToJson();
            summaryJson["source"] = loaded.Source;
            if (fraction > 0)
            {
                summaryJson[ValidationHoldOutKey] = new JsonObject { ["fraction"] = fraction, ["seed"] = parsed.GetValue(seed) };
            }

            OutputPaths.Complete(outDir, "--out", work => AssignmentStore.WriteInto(work, result.Assignment, dataset.Users, dataset.Items, summaryJson));
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(summaryJson.ToJsonString(new() { WriteIndented = true }));
            }
            else
            {
                CompressionReport.Write(io.Console, summary, result.Assignment, loaded.Source, outDir.Target);
            }

            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }
}
