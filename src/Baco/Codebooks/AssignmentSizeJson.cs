using System.Text.Json.Nodes;

namespace Baco.Codebooks;

/// <summary>The size fields that summary.json and results.json write for an assignment, in one spelling.</summary>
internal static class AssignmentSizeJson
{
    /// <summary>Sets extra_indices, params, full_params and ratio (6 decimals) of <paramref name="assignment"/> at <paramref name="dim"/>.</summary>
    public static void Write(JsonObject json, CodebookAssignment assignment, int dim)
    {
        json["extra_indices"] = assignment.ExtraIndices;
        json["params"] = assignment.Parameters(dim);
        json["full_params"] = assignment.FullParameters(dim);
        json["ratio"] = Math.Round(assignment.ParameterRatio(dim), 6);
    }
}
