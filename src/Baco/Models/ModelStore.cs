using System.Text.Json;
using System.Text.Json.Serialization;
using Baco.Codebooks;
using Baco.Data;
using Baco.Graph;

namespace Baco.Models;

/// <summary>
/// Saves and loads trained models as a directory: config.json, user_codebook.npy and
/// item_codebook.npy (float32, rows x dim), the assignment (user_codes / item_codes int32,
/// user_offsets / item_offsets int64), the propagation graph of LightGCN (graph_users /
/// graph_items int32) and the items to exclude when recommending (seen_users / seen_items int32).
/// </summary>
public static class ModelStore
{
    /// <summary>JSON settings used for config and metrics files (indented, enums as names).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Writes the model directory (created if needed).</summary>
    public static void Save(string directory, IRecommenderModel model, InteractionList seen)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seen);
        Directory.CreateDirectory(directory);
        var a = model.Assignment;
        var config = new ModelConfig(1, model.Kind, model.Layers, model.Dim, model.UserCount, model.ItemCount, a.Users.RowCount, a.Items.RowCount, a.Method, a.Combiner);
        File.WriteAllText(Path.Combine(directory, "config.json"), JsonSerializer.Serialize(config, JsonOptions));
        NpyCodec.Write<float>(Path.Combine(directory, "user_codebook.npy"), model.Parameters[0], a.Users.RowCount, model.Dim);
        NpyCodec.Write<float>(Path.Combine(directory, "item_codebook.npy"), model.Parameters[1], a.Items.RowCount, model.Dim);
        NpyCodec.Write<int>(Path.Combine(directory, "user_codes.npy"), a.Users.Codes, a.Users.Codes.Length);
        NpyCodec.Write<long>(Path.Combine(directory, "user_offsets.npy"), a.Users.Offsets, a.Users.Offsets.Length);
        NpyCodec.Write<int>(Path.Combine(directory, "item_codes.npy"), a.Items.Codes, a.Items.Codes.Length);
        NpyCodec.Write<long>(Path.Combine(directory, "item_offsets.npy"), a.Items.Offsets, a.Items.Offsets.Length);
        if (model is LightGcnModel lgcn)
        {
            NpyCodec.Write<int>(Path.Combine(directory, "graph_users.npy"), lgcn.Graph.ToInteractions().Users, lgcn.Graph.EdgeCount);
            NpyCodec.Write<int>(Path.Combine(directory, "graph_items.npy"), lgcn.Graph.UserItems, lgcn.Graph.EdgeCount);
        }

        NpyCodec.Write<int>(Path.Combine(directory, "seen_users.npy"), seen.Users, seen.Count);
        NpyCodec.Write<int>(Path.Combine(directory, "seen_items.npy"), seen.Items, seen.Count);
    }

    /// <summary>Reads a model directory written by <see cref="Save"/>.</summary>
    public static (IRecommenderModel Model, InteractionList Seen, ModelConfig Config) Load(string directory)
    {
        var config = JsonSerializer.Deserialize<ModelConfig>(File.ReadAllText(Path.Combine(directory, "config.json")), JsonOptions)
            ?? throw new InvalidDataException($"{directory}: empty config.json.");
        var userBook = NpyCodec.Read<float>(Path.Combine(directory, "user_codebook.npy")).Data;
        var itemBook = NpyCodec.Read<float>(Path.Combine(directory, "item_codebook.npy")).Data;
        var users = new SideAssignment(config.UserRows, NpyCodec.Read<int>(Path.Combine(directory, "user_codes.npy")).Data, NpyCodec.Read<long>(Path.Combine(directory, "user_offsets.npy")).Data);
        var items = new SideAssignment(config.ItemRows, NpyCodec.Read<int>(Path.Combine(directory, "item_codes.npy")).Data, NpyCodec.Read<long>(Path.Combine(directory, "item_offsets.npy")).Data);
        var assignment = new CodebookAssignment(config.Method, users, items, config.Combiner);
        var seen = InteractionList.FromPairs(NpyCodec.Read<int>(Path.Combine(directory, "seen_users.npy")).Data, NpyCodec.Read<int>(Path.Combine(directory, "seen_items.npy")).Data);
        BipartiteGraph graph;
        if (config.Model == ModelKind.LightGcn)
        {
            graph = BipartiteGraph.FromPairs(config.Users, config.Items, NpyCodec.Read<int>(Path.Combine(directory, "graph_users.npy")).Data, NpyCodec.Read<int>(Path.Combine(directory, "graph_items.npy")).Data);
        }
        else
        {
            graph = BipartiteGraph.FromInteractions(config.Users, config.Items, InteractionList.Empty);
        }

        var model = RecommenderModels.FromCodebooks(config.Model, assignment, graph, config.Dim, config.Layers, userBook, itemBook);
        return (model, seen, config);
    }

    /// <summary>Writes any metrics object (e.g. <c>RankingMetrics</c> or a summary record) as indented JSON.</summary>
    public static void SaveJson<T>(string path, T value) => File.WriteAllText(path, JsonSerializer.Serialize(value, JsonOptions));
}
