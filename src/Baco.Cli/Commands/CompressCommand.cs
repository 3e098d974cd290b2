using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Cli.Rendering;
using Baco.Clustering;
using Baco.Codebooks;
using Baco.Data;
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

    /// <summary>summary.json key recording the earlier assignment the rows were numbered against.</summary>
    public const string PreviousKey = "previous";

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
            "An earlier assignment (a 'baco compress' output, or a 'baco train' model directory): number this clustering's rows so that they overlap its rows as much as possible, matched by shared members, and write user_row_map.npy and item_row_map.npy (new row -> earlier row, or -1) for 'baco train --warm-start'. Which entities share a row does not change.");

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
            target.RefuseKnobForFull(parsed, parsed.GetValue(method)!);
            var compressor = CompressionMethods.Create(parsed.GetValue(method)!, baco.Bind(parsed));
            string? previousDir = parsed.GetValue(previous);
            if (previousDir is not null)
            {
                StoredDirectories.RequireAssignment("--previous", previousDir);
                RequireRenumberable("--previous", compressor.Name);
            }

            using var outDir = OutputPaths.Prepare("--out", parsed.GetValue(output)!, "baco compress", [.. data.Inputs(parsed), previousDir]);
            var earlier = previousDir is null ? null : AssignmentStore.Load(previousDir);

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

            var assignment = result.Assignment;
            if (earlier is not null)
            {
                var renumbered = Renumber(io, result.Assignment, dataset, earlier, previousDir!, out double seconds);
                assignment = renumbered.Assignment;
                summaryJson[PreviousKey] = PreviousJson(renumbered, Path.GetFullPath(previousDir!), seconds);
            }

            OutputPaths.Complete(outDir, "--out", work => AssignmentStore.WriteInto(work, assignment, dataset.Users, dataset.Items, summaryJson));
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(summaryJson.ToJsonString(new() { WriteIndented = true }));
            }
            else
            {
                CompressionReport.Write(io.Console, summary, assignment, loaded.Source, outDir.Target);
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

    /// <summary>Numbers <paramref name="assignment"/>'s rows against <paramref name="earlier"/>, reporting what matched.</summary>
    internal static RenumberedAssignment Renumber(CliIO io, CodebookAssignment assignment, Dataset dataset, StoredAssignment earlier, string earlierDir, out double seconds)
    {
        var clock = Stopwatch.StartNew();
        var renumbered = RowRenumbering.Renumber(assignment, dataset.Users, dataset.Items, earlier);
        seconds = clock.Elapsed.TotalSeconds;
        var (u, i) = (renumbered.Users, renumbered.Items);
        io.Progress.Report($"rows numbered against {earlierDir}: {u.Matched:N0} of {u.Rows:N0} user rows matched ({u.SharedMembers:N0} of {u.CommonEntities:N0} users in both keep their row), {i.Matched:N0} of {i.Rows:N0} item rows ({i.SharedMembers:N0} of {i.CommonEntities:N0} items)");
        return renumbered;
    }

    /// <summary>summary.json's record of the numbering: the earlier assignment and, per side, what was matched.</summary>
    internal static JsonObject PreviousJson(RenumberedAssignment r, string earlierDir, double seconds)
    {
        static JsonObject Side(SideMatch m) => new()
        {
            ["rows"] = m.Rows,
            ["previous_rows"] = m.PreviousRows,
            ["rows_matched"] = m.Matched,
            ["rows_keeping_number"] = m.KeptNumber,
            ["members_shared"] = m.SharedMembers,
            ["entities_in_both"] = m.CommonEntities,
            ["entities_new"] = m.NewEntities,
            ["entities_removed"] = m.RemovedEntities,
            ["cold_row_matched"] = m.ColdMatched,
        };

        return new JsonObject
        {
            ["assignment"] = earlierDir,
            ["fingerprint"] = r.Previous,
            ["matching"] = "greedy by shared members (entities by their own ids, primary rows), ties to the lower row; cold row to cold row",
            ["users"] = Side(r.Users),
            ["items"] = Side(r.Items),
            ["seconds"] = Math.Round(seconds, 6),
        };
    }
}
