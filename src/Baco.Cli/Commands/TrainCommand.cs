using System.CommandLine;
using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Clustering;
using Baco.Codebooks;
using Baco.Data;
using Baco.Graph;
using Baco.IO;
using Baco.Models;
using Baco.Reports;
using Baco.Training;

namespace Baco.Cli.Commands;

/// <summary>`baco train`: compress (or load an assignment), train LightGCN / MF, evaluate, save the model.</summary>
internal static class TrainCommand
{
    public static Command Create(CliIO io)
    {
        var data = new DataOptions();
        var target = new TargetOptions();
        var baco = new BacoOptionsBinder();
        var training = new TrainingOptionsBinder();
        var assignmentDir = CliOptions.Path("--assignment", "Use the assignment in this directory (written by 'baco compress') instead of computing one.");
        var method = CliOptions.Choice("--method", "Compression method when no --assignment is given: " + string.Join(", ", CompressionMethods.Names) + ".", "baco", CompressionMethods.Names);
        var seed = CliOptions.Seed("Seed of clustering, initialisation, sampling and validation split.");
        var output = CliOptions.Path("--out", "Output directory for the model and metrics.json (written atomically; an existing one is replaced only if baco wrote it).", "baco-model");
        var warmStart = CliOptions.Path(
            "--warm-start",
            "A model directory of 'baco train' (same --model, --layers, --dim): start the codebook rows that the row map matches to its rows from its trained rows, the others as usual. With --assignment, that assignment must be numbered against the model ('baco compress --previous MODEL') or have the model's rows (the model's own assignment, or 'baco assign''s extension of it); without, the new compression is numbered against the model's assignment.");

        var command = new Command("train", "Train LightGCN or MF on a compressed (or full) embedding table and evaluate it with full ranking.");
        data.AddTo(command, withEvaluationFiles: true);
        command.Options.Add(assignmentDir);
        command.Options.Add(method);
        target.AddTo(command);
        training.AddTo(command);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(warmStart);
        baco.AddTo(command);
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            string? storedDir = parsed.GetValue(assignmentDir);
            if (storedDir is not null && target.All.Concat(baco.All).Append(method).FirstOrDefault(o => parsed.Given(o)) is { } ignored)
            {
                throw new CliError($"'{ignored.Name}' chooses how to compress, but '--assignment' gives the compression: drop one of them.");
            }

            training.RefuseHoldOutWithValidationFile(parsed, data);
            if (storedDir is not null)
            {
                StoredDirectories.RequireAssignment("--assignment", storedDir);
            }

            string? warmDir = parsed.GetValue(warmStart);
            if (warmDir is not null)
            {
                StoredDirectories.RequireModel("--warm-start", warmDir);
            }

            int s = parsed.GetValue(seed);
            var options = training.Bind(parsed, s);
            if (storedDir is null)
            {
                baco.RefuseUnlessBaco(parsed, parsed.GetValue(method)!);
                target.RefuseKnobForFull(parsed, parsed.GetValue(method)!);
            }

            training.RefuseLayersForMf(parsed);
            var compressor = storedDir is null ? CompressionMethods.Create(parsed.GetValue(method)!, baco.Bind(parsed)) : null;
            if (warmDir is not null && compressor is not null)
            {
                CompressCommand.RequireRenumberable("--warm-start", compressor.Name);
            }

            var compressionTarget = target.Bind(parsed);
            if (options.CheckpointPath is { } checkpoint)
            {
                CheckpointFile.EnsureUsable(checkpoint);
            }

            string?[] inputs = [.. data.Inputs(parsed), storedDir, options.CheckpointPath, warmDir];
            using var outDir = OutputPaths.Prepare("--out", parsed.GetValue(output)!, "baco train", inputs);
            StoredCodebooks? warmModel = null;
            if (warmDir is not null)
            {
                warmModel = ModelStore.LoadCodebooks(warmDir);
                WarmStart.EnsureSameModel(warmModel.Config, options, warmDir);
            }

            var loaded = data.Load(parsed, io);

            // Hold out the validation part before compressing, so the assignment never sees it.
            var dataset = ValidationSplit.Prepare(loaded.Dataset, options);
            bool heldOut = !ReferenceEquals(dataset, loaded.Dataset);
            TrainableData.Ensure(dataset);
            if (dataset.Test is null or { Count: 0 })
            {
                throw new CliError("'--test' is required: training ends with a full-ranking evaluation on the test interactions.");
            }

            var graph = BipartiteGraph.FromDataset(dataset);
            CodebookAssignment assignment;
            double clusteringSeconds = 0;
            JsonNode compressionSummary;
            if (storedDir is not null)
            {
                var stored = AssignmentStore.Load(storedDir);
                CheckSameIdSpace(stored, dataset, storedDir);
                NoteHoldOutMismatch(io, storedDir, stored.Summary[CompressCommand.ValidationHoldOutKey], heldOut, options);
                assignment = stored.Assignment;
                compressionSummary = stored.Summary.DeepClone();
            }
            else
            {
                if (TargetOptions.FullTableNote(compressionTarget, graph.UserCount, graph.ItemCount, options.Dim) is { } note)
                {
                    io.Error.WriteLine(note);
                }

                var context = new CompressionContext(options.Dim, s, io.Progress);
                var result = compressor!.Compress(graph, compressionTarget, context);
                assignment = result.Assignment;
                clusteringSeconds = result.Seconds;
                compressionSummary = CompressionSummary.From(result, graph, compressionTarget, context).ToJson();
                if (warmModel is not null)
                {
                    // The compression is numbered against the model it starts from.
                    var renumbered = CompressCommand.Renumber(io, assignment, dataset, warmModel.Assignment, warmDir!, out double seconds);
                    assignment = renumbered.Assignment;
                    compressionSummary[CompressCommand.PreviousKey] = CompressCommand.PreviousJson(renumbered, Path.GetFullPath(warmDir!), seconds);
                }
            }

            if (warmModel is not null)
            {
                options = options with { WarmStart = WarmStartFor(io, warmModel, warmDir!, assignment, dataset, storedDir) };
            }

            io.Progress.Report($"training {Names.Display(options.Model)} (dim {options.Dim}, {assignment.Users.RowCount:N0} + {assignment.Items.RowCount:N0} rows, {assignment.Parameters(options.Dim):N0} parameters) on {dataset.Train.Count:N0} interactions");
            var printer = new Rendering.TrainingProgressPrinter(io.Error, live: io.Error == Console.Error && !Console.IsErrorRedirected);
            using var signals = CancelSignals.Listen(io);
            TrainingResult trained;
            try
            {
                trained = Trainer.Train(dataset, assignment, options, printer, signals.Token);
            }
            catch (TrainingDivergedException e) when (e.BestSoFar is { } best)
            {
                // Keep what was learnt before the divergence; the run still fails (exit 2).
                var kept = TrainingReport.MetricsJson(best, assignment, options, clusteringSeconds, loaded.Source);
                kept["diverged_in_epoch"] = e.Epoch;
                Save(io, outDir, kept, work => ModelStore.Save(work, best.Model, Seen(dataset), dataset.Users, dataset.Items, compressionSummary));
                io.Error.WriteLine($"baco: the best model before the divergence (epoch {best.BestEpoch}) was saved to {outDir.Target}");
                throw;
            }

            var metrics = TrainingReport.MetricsJson(trained, assignment, options, clusteringSeconds, loaded.Source);
            Save(io, outDir, metrics, work => ModelStore.Save(work, trained.Model, Seen(dataset), dataset.Users, dataset.Items, compressionSummary));
            Rendering.MetricsTable.Write(io.Console, trained, assignment, options.Dim, outDir.Target);
            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }

    /// <summary>The warm start from <paramref name="model"/> along the assignment's rows; one line (exit 2) when they cannot be related.</summary>
    private static WarmStart WarmStartFor(CliIO io, StoredCodebooks model, string modelDir, CodebookAssignment assignment, Dataset dataset, string? assignmentDir)
    {
        RowMap rows;
        try
        {
            rows = RowRenumbering.MapTo(model.Assignment, assignment, dataset.Users, dataset.Items);
        }
        catch (UnusableDataException e)
        {
            throw new CliError($"'--warm-start' {modelDir} with '--assignment' {assignmentDir}: {e.Message}.");
        }

        var (users, items) = rows.Matched;
        io.Progress.Report($"warm start from {modelDir}: {users:N0} of {assignment.Users.RowCount:N0} user rows and {items:N0} of {assignment.Items.RowCount:N0} item rows start from its trained rows");
        return WarmStart.FromModel(model, rows, Path.GetFullPath(modelDir));
    }

    /// <summary>
    /// Writes the files and the metrics (metrics.json, or results.json for bench) and publishes the
    /// directory; if that fails after the work is done, the metrics go to stdout before the error,
    /// so the run's result is not lost.
    /// </summary>
    internal static void Save(CliIO io, OutputDirectory outDir, JsonNode metrics, Action<string> writeModel, string metricsFile = TrainingReport.MetricsFile)
    {
        string text = metrics.ToJsonString(new() { WriteIndented = true });
        try
        {
            outDir.Complete(work =>
            {
                writeModel(work);
                File.WriteAllText(Path.Combine(work, metricsFile), text);
            });
        }
        catch (OutputPathException e)
        {
            io.Out.WriteLine(text);
            throw new CliError($"'--out': {OutputPaths.Display(outDir.Path)}: {e.Reason}; the metrics are printed above.");
        }
    }

    /// <summary>Items to exclude when recommending: training and validation interactions.</summary>
    private static InteractionList Seen(Dataset data)
    {
        if (data.Validation is not { Count: > 0 } val)
        {
            return data.Train;
        }

        return InteractionList.FromPairs([.. data.Train.Users, .. val.Users], [.. data.Train.Items, .. val.Items]);
    }

    /// <summary>
    /// Tells the user when a stored assignment's view of the training data differs from this
    /// run's: made from interactions now held out for validation (optimistic validation), or
    /// without interactions this run trains on.
    /// </summary>
    private static void NoteHoldOutMismatch(CliIO io, string dir, JsonNode? storedHoldOut, bool heldOut, TrainingOptions options)
    {
        double storedFraction = storedHoldOut?["fraction"]?.GetValue<double>() ?? 0;
        long storedSeed = storedHoldOut?["seed"]?.GetValue<long>() ?? 0;
        if (heldOut && storedHoldOut is null)
        {
            io.Error.WriteLine($"note: {dir} was computed from all training interactions, including the {options.ValidationFraction:P0} now held out for validation, so validation scores (and early stopping) may be optimistic; make it with 'baco compress --val-fraction {options.ValidationFraction} --seed {(long)options.Seed}', give --val, or let 'baco train' compress.");
        }
        else if (heldOut && (storedFraction != options.ValidationFraction || (ulong)storedSeed != options.Seed))
        {
            io.Error.WriteLine($"note: {dir} was computed with another validation hold-out ({storedFraction} with seed {storedSeed}) than this run's ({options.ValidationFraction} with seed {(long)options.Seed}), so it has seen part of this run's validation interactions; use the same --val-fraction and --seed.");
        }
        else if (!heldOut && storedHoldOut is not null)
        {
            io.Error.WriteLine($"note: {dir} was computed without {storedFraction:P0} of the training interactions (a validation hold-out) that this run trains on.");
        }
    }

    private static void CheckSameIdSpace(StoredAssignment stored, Dataset data, string dir)
    {
        string? problem = null;
        if (stored.Users.Count != data.UserCount || stored.Items.Count != data.ItemCount)
        {
            problem = $"it covers {stored.Users.Count:N0} users and {stored.Items.Count:N0} items, the data have {data.UserCount:N0} and {data.ItemCount:N0}";
        }
        else
        {
            for (int u = 0; u < data.UserCount && problem is null; u++)
            {
                if (stored.Users.NameOf(u) != data.Users.NameOf(u))
                {
                    problem = $"user number {u} is '{stored.Users.NameOf(u)}' there and '{data.Users.NameOf(u)}' here";
                }
            }

            for (int i = 0; i < data.ItemCount && problem is null; i++)
            {
                if (stored.Items.NameOf(i) != data.Items.NameOf(i))
                {
                    problem = $"item number {i} is '{stored.Items.NameOf(i)}' there and '{data.Items.NameOf(i)}' here";
                }
            }
        }

        if (problem is not null)
        {
            throw new CliError($"'--assignment': {dir} was made for another data set: {problem}. (Ids that appear only in --val/--test widen the id space: give 'baco compress' the same --val and --test.)");
        }
    }
}
