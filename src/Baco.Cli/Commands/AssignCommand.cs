using System.CommandLine;
using Baco.Assignment;
using Baco.Cli.Rendering;
using Baco.Clustering;
using Baco.Data;
using Baco.Workflows;

namespace Baco.Cli.Commands;

/// <summary>
/// `baco assign`: codes for users and items an assignment does not know, from their interactions
/// with known ones, by the method's own rule (<see cref="AssignWorkflow"/>); known codes and
/// the rows stay as they are.
/// </summary>
internal static class AssignCommand
{
    public static Command Create(CliIO io)
    {
        var assignmentDir = CliOptions.RequiredPath("--assignment", "Assignment directory written by 'baco compress' or 'baco assign' (or a model directory of 'baco train').");
        var interactions = CliOptions.RequiredPath("--interactions", "Interactions of new users or items with known ones (edge list).");
        var output = CliOptions.RequiredPath("--out", "Output directory: the extended assignment (written atomically; an existing one is replaced only if baco wrote it).");
        var data = new DataOptions(); // only its --format and --header, for --interactions
        var json = new Option<bool>("--json") { Description = "Print the extended summary.json to stdout instead of the table." };
        var command = new Command("assign", "Give codebook rows to new users and items without moving known ones or adding rows.")
        {
            assignmentDir, interactions, output, data.Format, data.Header, json,
        };
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            string storedDir = parsed.GetValue(assignmentDir)!;
            StoredDirectories.RequireAssignment("--assignment", storedDir);

            string newFile = parsed.GetValue(interactions)!;
            using var outDir = OutputPaths.Prepare("--out", parsed.GetValue(output)!, "baco assign", storedDir, newFile);

            using var signals = CancelSignals.Listen(io, "once the step in progress ends, writing nothing");
            var stored = AssignmentStore.Load(storedDir);
            io.Progress.Report($"reading {newFile}");
            var read = InteractionReader.Read(newFile, options: data.ReadOptions(parsed, io));
            signals.Token.ThrowIfCancellationRequested();
            var assigned = AssignWorkflow.Run(stored, storedDir, read, Path.GetFullPath(newFile));

            // Stopped before anything is written: the work directory goes, an earlier output stays (exit 130).
            signals.Commit();
            OutputPaths.Complete(outDir, "--out", assigned.WriteInto, io.Error);
            // Hashing methods place by id alone: neighbours, known or not, never matter to them.
            bool byNeighbours = CompressionMethods.Find(stored.Assignment.Method)?.NewEntities is NewEntityRule.BalancedGain or NewEntityRule.MajorityCoCluster or NewEntityRule.MajorityCoClusterAndHash;
            if (assigned.Extended.UsedPairs == 0 && byNeighbours)
            {
                io.Error.WriteLine($"baco: warning: no line of {newFile} links a new user or item to a known one ({Counted.Of(assigned.Extended.NewPairs, "pair")} of new entities only), so every new entity was placed without neighbours (the cold or largest row).");
            }

            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(assigned.SummaryJson.ToJsonString(new() { WriteIndented = true }));
            }
            else
            {
                var (extended, a) = (assigned.Extended, assigned.Extended.Assignment);
                // Without a cold row, entities with no known neighbour go to the largest row (summary.json: "none: the largest row").
                static string Cold(int row) => row >= 0 ? "on the cold row" : "on the largest row, there being no cold row";
                io.Out.WriteLine(byNeighbours
                    ? $"{Counted.Of(extended.NewUsers, "new user")} ({extended.ColdUsers:N0} {Cold(a.UserColdRow)}), {Counted.Of(extended.NewItems, "new item")} ({extended.ColdItems:N0} {Cold(a.ItemColdRow)}), from {Counted.Of(extended.UsedPairs, "interaction")} with known entities"
                    : $"{Counted.Of(extended.NewUsers, "new user")}, {Counted.Of(extended.NewItems, "new item")}, placed by their ids ('{a.Method}' places entities by id; interactions do not matter to it)");
                io.Out.WriteLine($"rows unchanged: {a.Users.RowCount:N0} user rows, {a.Items.RowCount:N0} item rows; parameters {assigned.ParametersBefore:N0} -> {assigned.ParametersAfter:N0} (extra indices of new entities)");
                io.Out.WriteLine($"written to {outDir.Target}");
            }

            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }
}
