using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Codebooks;
using Baco.Data;
using Baco.IO;

namespace Baco.Workflows;

/// <summary>What <see cref="AssignWorkflow.Run"/> returns.</summary>
/// <param name="Extended">The stored assignment with the new users and items placed.</param>
/// <param name="Rule">The rule that placed them, in words.</param>
/// <param name="ParametersBefore">The stored assignment's parameter count.</param>
/// <param name="ParametersAfter">The extended assignment's: no rows are added, only the new entities' indices.</param>
/// <param name="SummaryJson">summary.json of the extended assignment: the stored one with the new sizes and an "assigned" record of what was placed and how.</param>
public sealed record AssignOutcome(ExtendedAssignment Extended, string Rule, long ParametersBefore, long ParametersAfter, JsonObject SummaryJson)
{
    /// <summary>Writes the assignment directory's files into <paramref name="directory"/>, which must be new or empty (not atomically: write into an <see cref="OutputDirectory"/>'s work directory to replace an output).</summary>
    public void WriteInto(string directory)
        => AssignmentStore.WriteInto(directory, Extended.Assignment, Extended.Users, Extended.Items, SummaryJson);
}

/// <summary>
/// Gives rows to the users and items of a file of new interactions that a stored assignment does
/// not know (<see cref="IncrementalAssigner"/>), leaving every known code and the rows as they are.
/// </summary>
public static class AssignWorkflow
{
    /// <summary>summary.json key of the record of what was assigned.</summary>
    public const string AssignedKey = "assigned";

    /// <summary>Whether a stored assignment's summary says 'baco assign' extended it (its <see cref="AssignedKey"/> record).</summary>
    public static bool IsExtension(JsonNode summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary[AssignedKey] is JsonObject;
    }

    /// <summary>
    /// Places the new entities of <paramref name="interactions"/> into the assignment stored in
    /// <paramref name="storedDirectory"/> (already loaded as <paramref name="stored"/>);
    /// <paramref name="source"/> names the interactions in summary.json.
    /// </summary>
    /// <exception cref="UnusableDataException">The method has no rule for new entities, or the interactions name none.</exception>
    public static AssignOutcome Run(StoredAssignment stored, string storedDirectory, Dataset interactions, string source)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(interactions);
        var assigner = IncrementalAssigner.FromStored(stored, storedDirectory);
        var extended = AssignmentExtension.Extend(assigner, stored.Users, stored.Items, interactions, source);
        int dim = stored.Summary is JsonObject o && o["dim"] is JsonValue d && d.TryGetValue(out int dv) && dv > 0 ? dv : 64;
        long before = stored.Assignment.Parameters(dim);
        return new AssignOutcome(extended, assigner.Rule, before, extended.Assignment.Parameters(dim), Summary(stored, extended, assigner.Rule, dim, Path.GetFullPath(storedDirectory), source));
    }

    /// <summary>The stored summary with the extended sizes, and what was assigned and how.</summary>
    private static JsonObject Summary(StoredAssignment stored, ExtendedAssignment x, string rule, int dim, string storedDirectory, string source)
    {
        var summary = stored.Summary is JsonObject o ? (JsonObject)o.DeepClone() : [];
        var before = stored.Assignment;
        var after = x.Assignment;
        summary["users"] = after.Users.EntityCount;
        summary["items"] = after.Items.EntityCount;
        AssignmentSizeJson.Write(summary, after, dim);
        summary[AssignedKey] = new JsonObject
        {
            ["from_assignment"] = storedDirectory,
            ["source"] = source,
            ["rule"] = rule,
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
