using System.CommandLine;
using Baco.Cli.Rendering;
using Baco.Clustering;
using Baco.IO;
using Baco.Reports;
using Baco.Training;
using Baco.Workflows;
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
        var methods = CliOptions.Text("--methods", "Comma-separated methods (default: " + string.Join(',', ComparisonOptions.DefaultMethods) + ").", string.Join(',', ComparisonOptions.DefaultMethods));
        var seed = CliOptions.Seed("Seed shared by every method.");
        var output = CliOptions.Path("--out", "Directory for report.md, results.json and the plots (written atomically; an existing one is replaced only if baco wrote it).", "baco-bench");
        var command = new Command("bench", "Compare compression methods at equal budget: clustering time, parameters, and the accuracy of a model trained on each.");
        data.AddTo(command, withEvaluationFiles: true);
        command.Options.Add(methods);
        target.AddTo(command);
        training.AddTo(command);
        command.Options.Add(seed);
        command.Options.Add(output);
        baco.AddTo(command);
        training.Checkpoint.Description = "Checkpoint file prefix: each method checkpoints to FILE.METHOD (e.g. ck.bin.baco), written every validation and resumed from if it exists.";
        data.Test.Description = "Test interactions, read against the training id space; required with --train (every method is evaluated on them).";
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            if (parsed.Given(target.Gamma))
            {
                throw new CliError("'--gamma' sets one method's knob, but bench compares every method at the same budget: give '--budget' or '--budget-rows' (use 'baco train --gamma' for one method).");
            }

            // Every method is evaluated on the test file: refused before anything is read.
            if (parsed.GetValue(data.Train) is not null && parsed.GetValue(data.Test) is null)
            {
                throw new CliError("'--test' is required with '--train': every method is evaluated on the test interactions.");
            }

            training.RefuseValidationConflicts(parsed, data);
            var options = new ComparisonOptions
            {
                Methods = ParseMethods(parsed.GetValue(methods)!),
                Target = target.Bind(parsed),
                Training = training.Bind(parsed, parsed.GetValue(seed)),
                Baco = baco.Bind(parsed),
            };
            target.RefuseKnobForFull(parsed, options.Methods, "--methods");
            training.RefuseLinkedInitWithout(parsed, options.Methods);
            if (training.IdleValidationNote(parsed, options.Training, data) is { } idle)
            {
                io.Error.WriteLine("note: " + idle);
            }

            string?[] inputs = [.. data.Inputs(parsed), options.Training.CheckpointPath];
            using var outDir = OutputPaths.Prepare("--out", parsed.GetValue(output)!, "baco bench", inputs);

            // From here a signal ends the run cleanly (exit 130, no work directory left), after the reading.
            using var signals = CancelSignals.Listen(io);
            var loaded = data.Load(parsed, io);
            if (loaded.Dataset.Test is null or { Count: 0 })
            {
                throw new CliError("'--test' is required: every method is evaluated on the test interactions.");
            }

            var trainingData = TrainingData.ForTraining(loaded.Dataset, options.Training, loaded.Source);
            return ExitCode(Run(io, trainingData, options, outDir, signals, inputs));
        }, io.Error));
        return command;
    }

    /// <summary>Runs the comparison, writes the report directory and prints the table (shared with `baco demo`).</summary>
    internal static ComparisonResult Run(CliIO io, TrainingData data, ComparisonOptions options, OutputDirectory outDir, CancelSignals? signals = null, string?[]? inputs = null, string command = "baco bench")
    {
        var cancellationToken = signals?.Token ?? CancellationToken.None;
        var live = io.Error == Console.Error && !Console.IsErrorRedirected;
        ComparisonResult result;
        try
        {
            result = ComparisonWorkflow.Run(data, options, new ComparisonProgressPrinter(io.Error, live), cancellationToken);
        }
        catch (ComparisonInterruptedException e) when (e.Partial.Methods.Any(m => !m.Interrupted))
        {
            // Hours of finished methods are not thrown away: their table and report are written, then the run ends as cancelled (exit 130).
            try
            {
                OutputPaths.SavePartial(outDir, "--out", command, io.Error, inputs ?? [], target => Report(io, e.Partial, target));
            }
            catch (StandardOutputException closed)
            {
                // The report is saved before the table is printed: the run still ends as interrupted (exit 130).
                io.Error.WriteLine($"baco: {closed.Message}");
            }

            throw;
        }

        signals?.Release(); // the comparison is done: a signal now ends the process, not the report
        Report(io, result, outDir);
        return result;
    }

    private static void Report(CliIO io, ComparisonResult result, OutputDirectory outDir)
    {
        // Saved before anything is printed: a closed or full stdout must not cost the report.
        TrainCommand.Save(io, outDir, ComparisonReport.Json(result), work =>
        {
            File.WriteAllText(Path.Combine(work, "report.md"), ComparisonReport.Markdown(result));
            ComparisonPlots.RecallVersusRatio(result.Methods, result.Dim, Path.Combine(work, "recall_vs_ratio.png"), result.Options.Training.EarlyStopK);
            ComparisonPlots.ClusterSizes(result.Methods, Path.Combine(work, "cluster_sizes.png"));
        }, "results.json");
        ComparisonTable.Write(io.Console, result.Methods, result.Dim, result.Title, result.Options.Training.EarlyStopK);
        io.Console.WriteLine($"report, results.json and plots in {outDir.Target}");
    }

    /// <summary>
    /// 0 when every method ran; 2 when each that failed did so on bad input (a budget it cannot
    /// meet, say); 1 when any failed otherwise, a defect (the table is written either way).
    /// </summary>
    internal static int ExitCode(ComparisonResult result)
        => result.AllSucceeded ? ExitCodes.Ok
            : result.FailedOnlyOnInput ? ExitCodes.BadInput
            : ExitCodes.InternalError;

    private static List<string> ParseMethods(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
        if (names.All(n => n.Length == 0))
        {
            throw new CliError("'--methods': give at least one method, e.g. full,baco,graphhash.");
        }

        // "baco,,random" is more likely a method lost in editing than a request for two.
        if (names.Contains(string.Empty))
        {
            throw new CliError($"'--methods': '{text}' has an empty entry; separate the method names with single commas, e.g. full,baco,graphhash.");
        }

        foreach (string name in names)
        {
            if (!CompressionMethods.Names.Contains(name))
            {
                throw new CliError($"'--methods': '{name}' is not a method; choose from {string.Join(", ", CompressionMethods.Names)}{Suggestions.DidYouMean(name, CompressionMethods.Names)}.");
            }
        }

        if (names.Distinct().Count() != names.Count)
        {
            throw new CliError($"'--methods': '{names.GroupBy(n => n).First(g => g.Count() > 1).Key}' is listed twice.");
        }

        return names;
    }
}
