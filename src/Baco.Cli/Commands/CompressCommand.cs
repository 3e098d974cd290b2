using System.CommandLine;
using Baco.Assignment;
using Baco.Cli.Rendering;
using Baco.Clustering;
using Baco.Training;
using Baco.Workflows;

namespace Baco.Cli.Commands;

/// <summary>`baco compress`: interactions in, codebook assignment directory out. Validation and test files, if given, only widen the id space.</summary>
internal static class CompressCommand
{
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
        var previous = CliOptions.Path(
            "--previous",
            "An earlier assignment (a 'baco compress' or 'baco assign' output, or a 'baco train' model directory): number this clustering's rows so that they overlap its rows as much as possible, matched by shared members, and write user_row_map.npy and item_row_map.npy (new row -> earlier row, or -1) for 'baco train --warm-start'. Which entities share a row does not change.");

        var command = new Command("compress", "Compute a compressed embedding-table assignment and write it to a directory.");
        data.AddTo(command, withEvaluationFiles: true); // val/test only widen the id space, so a later `baco train` matches it
        command.Options.Add(method);
        target.AddTo(command);
        command.Options.Add(dim);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(valFraction);
        command.Options.Add(previous);
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
            target.RefuseKnobForFull(parsed, [parsed.GetValue(method)!], "--method");
            var compressor = CompressionMethods.Create(parsed.GetValue(method)!, baco.Bind(parsed));
            string? previousDir = parsed.GetValue(previous);
            if (previousDir is not null)
            {
                StoredDirectories.RequireAssignment("--previous", previousDir);
                RequireRenumberable("--previous", compressor.Name);
            }

            using var outDir = OutputPaths.Prepare("--out", parsed.GetValue(output)!, "baco compress", [.. data.Inputs(parsed), previousDir]);
            using var signals = CancelSignals.Listen(io, "once the step in progress ends, writing nothing");
            var earlier = previousDir is null ? null : AssignmentStore.Load(previousDir);

            var loaded = data.Load(parsed, io);

            // The very split 'baco train' makes with this fraction and seed.
            var trainingData = TrainingData.ForCompression(loaded.Dataset, fraction, (ulong)parsed.GetValue(seed), loaded.Source);
            var request = new CompressRequest
            {
                Method = compressor,
                Target = compressionTarget,
                Dim = d,
                Seed = parsed.GetValue(seed),
                Previous = earlier,
                PreviousSource = previousDir,
            };
            signals.Token.ThrowIfCancellationRequested();
            var compressed = CompressWorkflow.Run(trainingData, request, new WorkflowProgressPrinter(io));

            // Stopped before anything is written: the work directory goes, an earlier output stays (exit 130).
            signals.Commit();
            OutputPaths.Complete(outDir, "--out", compressed.WriteInto, io.Error);
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(compressed.SummaryJson.ToJsonString(new() { WriteIndented = true }));
            }
            else
            {
                CompressionReport.Write(io.Console, compressed.Summary, compressed.Assignment, loaded.Source, outDir.Target);
            }

            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }

    /// <summary><paramref name="option"/> renumbers rows that are clusters; refused, naming both options, for the methods whose rows are not.</summary>
    internal static void RequireRenumberable(string option, string method)
    {
        try
        {
            RowRenumbering.EnsureRenumberable(method);
        }
        catch (InvalidSettingException e)
        {
            throw new CliError($"'{option}' with '--method {method}': {e.Reason}.");
        }
    }
}
