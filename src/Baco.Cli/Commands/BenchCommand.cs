using System.CommandLine;
using System.Text.Json.Nodes;
using Baco.Cli.Rendering;
using Baco.Comparison;
using Baco.IO;
using Baco.Reports;
using Spectre.Console;

namespace Baco.Cli.Commands;

/// <summary>`baco bench`: compress with each method at one budget, train each identically, and report side by side.</summary>
internal static class BenchCommand
{
    public static Command Create(CliIO io)
    {
        var data = new DataOptions();
        var target = new TargetOptions();
        var training = new TrainingOptionsBinder();
        var baco = new BacoOptionsBinder();
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods.", DefaultValueFactory = _ => string.Join(',', ComparisonOptions.DefaultMethods) };
        var seed = new Option<int>("--seed") { Description = "Seed shared by every method.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for report.md, results.json and the plots (written atomically).", DefaultValueFactory = _ => new DirectoryInfo("baco-bench") };
        var command = new Command("bench", "Compare compression methods at equal budget: clustering time, parameters, and the accuracy of a model trained on each.");
        data.AddTo(command, withEvaluationFiles: true);
        command.Options.Add(methods);
        target.AddTo(command);
        training.AddTo(command);
        command.Options.Add(seed);
        command.Options.Add(output);
        baco.AddTo(command);
        training.Checkpoint.Description = "Checkpoint file prefix: each method checkpoints to FILE.METHOD (e.g. ck.bin.baco), written every validation and resumed from if it exists.";
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            var outDir = parsed.GetValue(output)!;
            OutputGuard.EnsureReplaceable(outDir.FullName);
            var options = new ComparisonOptions
            {
                Methods = [.. parsed.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                Target = target.Bind(parsed),
                Training = training.Bind(parsed, parsed.GetValue(seed)),
                Baco = baco.Bind(parsed),
            };
            var loaded = data.Load(parsed, io.Progress);
            if (loaded.Dataset.Test is null or { Count: 0 })
            {
                throw new CliError("--test is required: every method is evaluated on the test interactions.");
            }

            using var signals = CancelSignals.Listen(io);
            Run(io, loaded, options, outDir.FullName, signals.Token);
            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }

    /// <summary>Runs the comparison, writes the report directory and prints the table (shared with `baco demo`).</summary>
    internal static IReadOnlyList<MethodOutcome> Run(CliIO io, LoadedData loaded, ComparisonOptions options, string outDir, CancellationToken cancellationToken = default)
    {
        var live = io.Error == Console.Error && !Console.IsErrorRedirected;
        var outcomes = ComparisonRunner.Run(loaded.Dataset, options, new ComparisonProgressPrinter(io.Error, live), cancellationToken);
        int dim = options.Training.Dim;
        string model = options.Training.Model == Baco.Models.ModelKind.LightGcn ? "LightGCN" : "MF";
        string title = $"{model} on {Path.GetFileName(loaded.Source)}, {options.Target}, dim {dim}";
        var settings = new JsonObject
        {
            ["source"] = loaded.Source,
            ["users"] = loaded.Dataset.UserCount,
            ["items"] = loaded.Dataset.ItemCount,
            ["train_interactions"] = loaded.Dataset.Train.Count,
            ["target"] = options.Target.ToString(),
            ["model"] = model,
            ["dim"] = dim,
            ["layers"] = options.Training.Layers,
            ["epochs"] = options.Training.Epochs,
            ["seed"] = options.Training.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        AtomicDirectory.Write(outDir, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "report.md"), ComparisonReport.Markdown(outcomes, dim, title));
            File.WriteAllText(Path.Combine(temp, "results.json"), ComparisonReport.Json(outcomes, dim, settings).ToJsonString(new() { WriteIndented = true }));
            ComparisonPlots.RecallVersusRatio(outcomes, dim, Path.Combine(temp, "recall_vs_ratio.png"));
            ComparisonPlots.ClusterSizes(outcomes, Path.Combine(temp, "cluster_sizes.png"));
        });
        ComparisonTable.Write(io.Console, outcomes, dim, title);
        io.Console.WriteLine($"report, results.json and plots in {outDir}");
        return outcomes;
    }
}
