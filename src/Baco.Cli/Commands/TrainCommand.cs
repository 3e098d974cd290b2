using System.CommandLine;
using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Cli.Rendering;
using Baco.Clustering;
using Baco.IO;
using Baco.Models;
using Baco.Reports;
using Baco.Training;
using Baco.Workflows;

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
        var assignmentDir = CliOptions.Path("--assignment", "Use the assignment in this directory (written by 'baco compress' or extended by 'baco assign') instead of computing one.");
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

            training.RefuseValidationConflicts(parsed, data);
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
            if (training.IdleValidationNote(parsed, options, data) is { } idle)
            {
                io.Error.WriteLine("note: " + idle);
            }
            if (storedDir is null)
            {
                baco.RefuseUnlessBaco(parsed, parsed.GetValue(method)!);
                target.RefuseKnobForFull(parsed, [parsed.GetValue(method)!], "--method");
                training.RefuseLinkedInitWithout(parsed, [parsed.GetValue(method)!]);
            }

            var compressor = storedDir is null ? CompressionMethods.Create(parsed.GetValue(method)!, baco.Bind(parsed)) : null;
            if (warmDir is not null && compressor is not null)
            {
                CompressCommand.RequireRenumberable("--warm-start", compressor.Name);
            }

            var compressionTarget = target.Bind(parsed);
            if (options.CheckpointPath is { } checkpoint)
            {
                CheckpointFile.EnsureOutside(checkpoint, [storedDir, warmDir]);
                CheckpointFile.EnsureUsable(checkpoint);
            }

            string?[] inputs = [.. data.Inputs(parsed), storedDir, options.CheckpointPath, warmDir];
            using var outDir = OutputPaths.Prepare("--out", parsed.GetValue(output)!, "baco train", inputs);

            // From here a signal ends the run cleanly (exit 130, no work directory left): reading and
            // compressing finish first, and training then stops before its first epoch.
            using var signals = CancelSignals.Listen(io);
            StoredCodebooks? warmModel = null;
            if (warmDir is not null)
            {
                warmModel = ModelStore.LoadCodebooks(warmDir);
                WarmStart.EnsureSameModel(warmModel.Config, options, warmDir);
            }

            var stored = storedDir is null ? null : AssignmentStore.Load(storedDir);
            var loaded = data.Load(parsed, io, stored);

            // The validation part is held out before compressing, so the assignment never sees it.
            // Without --test the run reports validation only: how variants are screened without reading test figures.
            var trainingData = TrainingData.ForTraining(loaded.Dataset, options, loaded.Source);

            var request = new TrainRequest
            {
                Training = options,
                Method = compressor,
                Target = compressionTarget,
                Assignment = stored,
                AssignmentSource = storedDir,
                WarmStartModel = warmModel,
                WarmStartSource = warmDir,
                HoldOutPolicy = HoldOutPolicy.Note,
            };
            bool extended = stored is not null && AssignWorkflow.IsExtension(stored.Summary);
            var progress = new WorkflowProgressPrinter(io, m => HoldOutNote(m, storedDir!, extended));
            PreparedTraining prepared;
            try
            {
                prepared = TrainWorkflow.Prepare(trainingData, request, progress);
            }
            catch (AssignmentMismatchException e) when (e.Kind == AssignmentMismatch.IdSpace)
            {
                throw new CliError($"'--assignment': {storedDir} was made for another data set: {e.Problem}. (New users and items get rows with 'baco assign'; ids found only in --val/--test count too: give 'baco compress' the same --val and --test.)");
            }
            catch (AssignmentMismatchException e) when (e.Kind == AssignmentMismatch.WarmStartRows)
            {
                throw new CliError($"'--warm-start' {warmDir} with '--assignment' {storedDir}: {e.Problem}.");
            }

            // What a run that did not finish learnt is partial: it never replaces a finished output.
            string SavePartial(TrainOutcome kept)
                => OutputPaths.SavePartial(outDir, "--out", "baco train", io.Error, inputs, target => Save(io, target, TrainingReport.MetricsJson(kept), kept.WriteModel));

            TrainOutcome trained;
            try
            {
                trained = prepared.Train(progress, signals.Token);
            }
            catch (TrainingDivergedException e) when (e.BestSoFar is not null)
            {
                // Keep what was learnt before the divergence; the run still fails (exit 2).
                var kept = prepared.Keep(e);
                io.Error.WriteLine($"baco: the best model before the divergence (epoch {kept.Training.BestEpoch}) was saved to {SavePartial(kept)}");
                throw;
            }
            catch (CheckpointException e) when (e.BestSoFar is not null)
            {
                // A checkpoint that can no longer be written (a full disk) ends the run, not what it learnt (exit 2 all the same).
                var kept = prepared.Keep(e);
                string savedTo;
                try
                {
                    savedTo = SavePartial(kept);
                }
                catch (Exception saving) when (saving is CliError or StandardOutputException)
                {
                    // --out on the same full disk: the cause comes first, then why nothing was saved.
                    io.Error.WriteLine($"baco: error: {OptionNames.Describe(e)}");
                    throw;
                }

                io.Error.WriteLine($"baco: the best validated model so far (epoch {kept.Training.BestEpoch} of the {e.CompletedEpochs} completed) was saved to {savedTo}");
                throw;
            }
            catch (TrainingInterruptedException e) when (e.BestSoFar is not null)
            {
                // Ctrl+C ends the run, not what it learnt: the best validated model so far is kept (exit 130 all the same).
                var kept = prepared.Keep(e);
                io.Error.WriteLine($"baco: the best validated model so far (epoch {kept.Training.BestEpoch} of the {e.CompletedEpochs} completed) was saved to {SavePartial(kept)}");
                throw;
            }

            // The model is trained: a signal now ends the process (the atomic save leaves the old output or the new one).
            signals.Release();
            Save(io, outDir, TrainingReport.MetricsJson(trained), trained.WriteModel, checkpoint: options.CheckpointPath);
            Rendering.MetricsTable.Write(io.Console, trained.Training, prepared.Assignment, options.Dim, outDir.Target);
            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }

    /// <summary>
    /// Writes the files and the metrics (metrics.json, or results.json for bench) and publishes the
    /// directory; if that fails after the work is done, the metrics go to stdout before the error,
    /// so the run's result is not lost.
    /// </summary>
    internal static void Save(CliIO io, OutputDirectory outDir, JsonNode metrics, Action<string> writeModel, string metricsFile = TrainingReport.MetricsFile, string? checkpoint = null)
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
            string resume = checkpoint is not null && File.Exists(checkpoint)
                ? $" The checkpoint {OutputPaths.Display(checkpoint)} holds the trained run: make room and run the same command again to save it without training again."
                : string.Empty;
            throw new CliError($"'--out': {OutputPaths.Display(outDir.Path)}: {e.Reason}; the metrics are printed above.{resume}");
        }

        OutputPaths.WarnLeftBehind(outDir, io.Error);
    }

    /// <summary>
    /// The note for a stored assignment whose view of the training data differs from this run's
    /// (<see cref="HoldOutMismatch.Describe(string, string?)"/>), with the options that mend it. An
    /// assignment <paramref name="extended"/> by 'baco assign' would lose its new entities' codes to a
    /// new compression, so its remedy is a validation the assignment never saw, or none.
    /// </summary>
    private static string HoldOutNote(HoldOutMismatch m, string dir, bool extended) => "note: " + m.Describe(dir, m.Kind switch
    {
        HoldOutMismatchKind.SawValidation when extended => "give --val with interactions it never saw, or --val-fraction 0 (without --eval-every or --patience) to train on every interaction without validation",
        HoldOutMismatchKind.SawValidation => FormattableString.Invariant($"make it with 'baco compress --val-fraction {m.Run.Fraction} --seed {(long)m.Run.Seed}', give --val, or let 'baco train' compress"),
        HoldOutMismatchKind.OtherHoldOut => "use the same --val-fraction and --seed",
        _ => null,
    }) + ".";
}
