using System.CommandLine;
using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Data;

namespace Baco.Cli.Commands;

/// <summary>
/// `baco assign`: codes for users and items an assignment does not know, from their interactions
/// with known ones, by the method's own rule (<see cref="IncrementalAssigner"/>); known codes and
/// the rows stay as they are.
/// </summary>
internal static class AssignCommand
{
    public static Command Create(CliIO io)
    {
        var assignmentDir = CliOptions.RequiredPath("--assignment", "Assignment directory written by 'baco compress' (or a model directory of 'baco train').");
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

            var stored = AssignmentStore.Load(storedDir);
            var assigner = IncrementalAssigner.FromStored(stored, storedDir);
            io.Progress.Report($"reading {newFile}");
            var read = InteractionReader.Read(newFile, options: data.ReadOptions(parsed, io));
            string source = Path.GetFullPath(newFile);
            var extended = AssignmentExtension.Extend(assigner, stored.Users, stored.Items, read, source);
            var summary = Summary(stored, extended, assigner, Path.GetFullPath(storedDir), source);
            OutputPaths.Complete(outDir, "--out", work => AssignmentStore.WriteInto(work, extended.Assignment, extended.Users, extended.Items, summary));
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(summary.ToJsonString(new() { WriteIndented = true }));
            }
            else
            {
                var a = extended.Assignment;
                io.Out.WriteLine($"{extended.NewUsers:N0} new users ({extended.ColdUsers:N0} on the cold row), {extended.NewItems:N0} new items ({extended.ColdItems:N0} on the cold row), from {extended.UsedPairs:N0} interactions with known entities");
                io.Out.WriteLine($"rows unchanged: {a.Users.RowCount:N0} user rows, {a.Items.RowCount:N0} item rows; parameters {(long)summary["assigned"]!["params_before"]!:N0} -> {(long)summary["params"]!:N0} (extra indices of new entities)");
                io.Out.WriteLine($"written to {outDir.Target}");
            }

            return ExitCodes.Ok;
        }, io.Error));
        return command;
    }

    /// <summary>The stored summary with the extended sizes, and what was assigned and how.</summary>
    private static JsonObject Summary(StoredAssignment stored, ExtendedAssignment x, IncrementalAssigner assigner, string storedDir, string source)
    {
        var summary = stored.Summary is JsonObject o ? (JsonObject)o.DeepClone() : [];
        var before = stored.Assignment;
        var after = x.Assignment;
        int dim = summary["dim"] is JsonValue d && d.TryGetValue(out int dv) && dv > 0 ? dv : 64;
        summary["users"] = after.Users.EntityCount;
        summary["items"] = after.Items.EntityCount;
        summary["extra_indices"] = after.ExtraIndices;
        summary["params"] = after.Parameters(dim);
        summary["full_params"] = after.FullParameters(dim);
        summary["ratio"] = Math.Round(after.ParameterRatio(dim), 6);
        summary["assigned"] = new JsonObject
        {
            ["from_assignment"] = storedDir,
            ["source"] = source,
            ["rule"] = assigner.Rule,
            ["new_users"] = x.NewUsers,
            ["new_items"] = x.NewItems,
            ["cold_users"] = x.ColdUsers,
            ["cold_items"] = x.ColdItems,
            ["user_cold_row"] = ColdRowText(before.UserColdRow),
            ["item_cold_row"] = ColdRowText(before.ItemColdRow),
            ["interactions_used"] = x.UsedPairs,
            ["known_pairs_ignored"] = x.KnownPairs,
            ["new_pairs_ignored"] = x.NewPairs,
            ["users_before"] = before.Users.EntityCount,
            ["items_before"] = before.Items.EntityCount,
            ["params_before"] = before.Parameters(dim),
            ["rows"] = after.TotalRows,
        };
        return summary;
    }

    private static JsonNode ColdRowText(int row) => row >= 0
        ? JsonValue.Create(row)
        : JsonValue.Create("none: the largest row");
}
