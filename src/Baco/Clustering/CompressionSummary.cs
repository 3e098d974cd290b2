using System.Text.Json.Nodes;
using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering;

/// <summary>
/// The machine-readable record of one compression (written as summary.json).
/// Field names in JSON are snake_case and stable: scripts depend on them.
/// </summary>
/// <param name="Method">Method name.</param>
/// <param name="Users">Users in the id space.</param>
/// <param name="Items">Items in the id space.</param>
/// <param name="Interactions">Distinct training interactions.</param>
/// <param name="UserRows">User-codebook rows.</param>
/// <param name="ItemRows">Item-codebook rows.</param>
/// <param name="ExtraIndices">Indices beyond one per entity.</param>
/// <param name="Params">Parameters of the compressed table.</param>
/// <param name="FullParams">Parameters of the full table.</param>
/// <param name="Knob">The method's knob value (gamma for BACO).</param>
/// <param name="Seconds">Clustering time alone (including any knob search), excluding reading and writing.</param>
/// <param name="Dim">Embedding dimension.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Target">The requested target, in words.</param>
/// <param name="Stats">What the run reports about itself.</param>
public sealed record CompressionSummary(
    string Method, int Users, int Items, long Interactions, int UserRows, int ItemRows, long ExtraIndices,
    long Params, long FullParams, double Knob, double Seconds, int Dim, int Seed, string Target,
    CompressionStats Stats)
{
    /// <summary>Compressed over full parameters.</summary>
    public double Ratio => ParameterCount.Ratio(Params, FullParams);

    /// <summary>Builds the summary of a compression result.</summary>
    public static CompressionSummary From(CompressionResult result, BipartiteGraph graph, CompressionTarget target, CompressionContext context)
    {
        CodebookAssignment a = result.Assignment;
        return new CompressionSummary(a.Method, graph.UserCount, graph.ItemCount, graph.EdgeCount, a.Users.RowCount, a.Items.RowCount,
            a.ExtraIndices, a.Parameters(context.Dim), a.FullParameters(context.Dim), result.Knob, result.Seconds, context.Dim,
            context.Seed, Describe(target, a.Method), result.Stats);
    }

    /// <summary>The target as reports show it: the full table has none (every entity its own row, whatever was asked).</summary>
    public static string Describe(CompressionTarget target, string method) => method == FullTable.MethodName ? "none: the full table" : target.ToString();

    /// <summary>The JSON form written to summary.json.</summary>
    public JsonObject ToJson()
    {
        var stats = Stats.ToJson();
        return new JsonObject
        {
            ["method"] = Method,
            ["users"] = Users,
            ["items"] = Items,
            ["interactions"] = Interactions,
            ["user_rows"] = UserRows,
            ["item_rows"] = ItemRows,
            ["extra_indices"] = ExtraIndices,
            ["params"] = Params,
            ["full_params"] = FullParams,
            ["ratio"] = Math.Round(Ratio, 6),
            ["gamma"] = Method == "baco" ? Finite(Knob) : null,
            ["knob"] = Finite(Knob),
            ["seconds"] = Math.Round(Seconds, 6),
            ["dim"] = Dim,
            ["seed"] = Seed,
            ["target"] = Target,
            ["stats"] = stats,
        };
    }

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
