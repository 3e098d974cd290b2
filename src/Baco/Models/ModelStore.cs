using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Baco.Assignment;
using Baco.Codebooks;
using Baco.Data;
using Baco.Graph;
using Baco.IO;

namespace Baco.Models;

/// <summary>
/// Saves and loads trained models as a directory: config.json, user_codebook.npy and
/// item_codebook.npy (float32, rows x dim), the assignment in <see cref="AssignmentStore"/>'s
/// layout (codes, offsets, id lists, assignment.json, summary.json), the training interactions
/// (graph_users / graph_items int32: LightGCN's propagation graph; for another model, when given
/// to <see cref="Save"/>) and the items to exclude when recommending
/// (seen_users / seen_items int32). Loading validates every file (codebooks must be finite) and reports problems as
/// <see cref="DataFormatException"/> naming the file.
/// </summary>
public static class ModelStore
{
    /// <summary>The model's settings.</summary>
    public const string ConfigFile = "config.json";

    // 2: snake_case keys and the CLI's names for models and combiners ("lightgcn", "mean"), like every other JSON file.
    private const int FormatVersion = 2;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    // Version 1 wrote PascalCase keys and C# enum names; still read, so older models keep working.
    private static readonly JsonSerializerOptions LegacyJsonOptions = new() { Converters = { new LegacyEnumConverter<ModelKind>(), new LegacyEnumConverter<CodeCombiner>() } };

    /// <summary>
    /// Writes the model into <paramref name="directory"/>, which must be new or empty
    /// (<see cref="OutputPathException"/> otherwise: nothing is overwritten). Not atomic: to
    /// replace an earlier model safely, write into an <see cref="OutputDirectory"/>'s work directory.
    /// <paramref name="users"/> and <paramref name="items"/> must be the model's id maps and
    /// <paramref name="seen"/> and <paramref name="training"/> must lie within its users and items
    /// (<see cref="ArgumentException"/>). <paramref name="training"/>, the interactions a model other than LightGCN was
    /// trained on, lets <see cref="Recommender"/> tell a user of the validation data only (LightGCN's are its graph).
    /// </summary>
    public static void Save(string directory, IRecommenderModel model, InteractionList seen, IdMap users, IdMap items, JsonNode summary, InteractionList? training = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seen);
        var a = model.Assignment;
        AssignmentStore.CheckWritable(directory, a, users, items, summary);
        CheckWithin(model, seen, nameof(seen));
        if (training is not null)
        {
            CheckWithin(model, training, nameof(training));
        }

        AssignmentStore.EnsureNewOrEmpty(directory);
        var config = new ModelConfig(FormatVersion, model.Kind, model.Layers, model.Dim, model.UserCount, model.ItemCount, a.Users.RowCount, a.Items.RowCount, a.Method, a.Combiner);
        File.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(config, JsonOptions));
        NpyFile.WriteFloat32Matrix(Path.Combine(directory, "user_codebook.npy"), model.Parameters[0], a.Users.RowCount, model.Dim);
        NpyFile.WriteFloat32Matrix(Path.Combine(directory, "item_codebook.npy"), model.Parameters[1], a.Items.RowCount, model.Dim);
        AssignmentStore.WriteFiles(directory, a, users, items, summary);
        if (model is LightGcnModel lgcn)
        {
            NpyFile.WriteInt32(Path.Combine(directory, "graph_users.npy"), lgcn.Graph.ToInteractions().Users.AsSpan(0, lgcn.Graph.EdgeCount));
            NpyFile.WriteInt32(Path.Combine(directory, "graph_items.npy"), lgcn.Graph.UserItemArray.AsSpan(0, lgcn.Graph.EdgeCount));
        }
        else if (training is not null)
        {
            NpyFile.WriteInt32(Path.Combine(directory, "graph_users.npy"), training.Users);
            NpyFile.WriteInt32(Path.Combine(directory, "graph_items.npy"), training.Items);
        }

        NpyFile.WriteInt32(Path.Combine(directory, "seen_users.npy"), seen.Users);
        NpyFile.WriteInt32(Path.Combine(directory, "seen_items.npy"), seen.Items);
    }

    /// <summary>Reads and validates a directory written by <see cref="Save"/>.</summary>
    public static StoredModel Load(string directory)
    {
        var (config, stored, userBook, itemBook) = LoadCodebooks(directory);
        var assignment = stored.Assignment;
        var seen = ReadPairs(directory, "seen_users.npy", "seen_items.npy", config);

        // LightGCN needs its graph; another model's training interactions are optional (models before 2026-12-03 lack them).
        var training = config.Model == ModelKind.LightGcn || File.Exists(Path.Combine(directory, "graph_users.npy"))
            ? ReadPairs(directory, "graph_users.npy", "graph_items.npy", config)
            : null;
        var graph = BipartiteGraph.FromInteractions(config.Users, config.Items, config.Model == ModelKind.LightGcn ? training! : InteractionList.Empty);
        var model = RecommenderModels.FromCodebooks(config.Model, assignment, graph, config.Dim, config.Layers, userBook, itemBook);
        OutputMarker.EnsureUnchanged(directory, ["seen_users.npy", "seen_items.npy", "graph_users.npy", "graph_items.npy"]);
        return new StoredModel(model, seen, config, stored) { Training = training };
    }

    private static void CheckWithin(IRecommenderModel model, InteractionList pairs, string name)
    {
        if (pairs.Count > 0 && (pairs.Users.AsSpan().ContainsAnyExceptInRange(0, model.UserCount - 1) || pairs.Items.AsSpan().ContainsAnyExceptInRange(0, model.ItemCount - 1)))
        {
            throw new ArgumentException($"{char.ToUpperInvariant(name[0])}{name[1..]} interactions name a user or item outside the model's {model.UserCount} users and {model.ItemCount} items.", name);
        }
    }

    /// <summary>
    /// Reads and validates the config, the assignment and the trained codebooks of a directory
    /// written by <see cref="Save"/>, without building the model (for a warm start).
    /// </summary>
    public static StoredCodebooks LoadCodebooks(string directory)
    {
        string configPath = Path.Combine(directory, ConfigFile);
        var config = ReadConfig(configPath);
        var stored = AssignmentStore.Load(directory);
        var assignment = stored.Assignment;
        if (assignment.Users.EntityCount != config.Users || assignment.Items.EntityCount != config.Items
            || assignment.Users.RowCount != config.UserRows || assignment.Items.RowCount != config.ItemRows)
        {
            throw new DataFormatException(configPath, 0,
                $"says {config.Users} users / {config.Items} items in {config.UserRows} + {config.ItemRows} rows, but the assignment has {assignment.Users.EntityCount} / {assignment.Items.EntityCount} in {assignment.Users.RowCount} + {assignment.Items.RowCount}");
        }

        var userBook = ReadCodebook(Path.Combine(directory, "user_codebook.npy"), config.UserRows, config.Dim);
        var itemBook = ReadCodebook(Path.Combine(directory, "item_codebook.npy"), config.ItemRows, config.Dim);
        OutputMarker.EnsureUnchanged(directory, [ConfigFile, "user_codebook.npy", "item_codebook.npy"]);
        return new StoredCodebooks(config, stored, userBook, itemBook);
    }

    private static ModelConfig ReadConfig(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "not found: the directory was not written by 'baco train'");
        }

        ModelConfig? config;
        try
        {
            string text = File.ReadAllText(path);
            config = JsonSerializer.Deserialize<ModelConfig>(text, JsonOptions);
            if (config is { FormatVersion: 0 })
            {
                config = JsonSerializer.Deserialize<ModelConfig>(text, LegacyJsonOptions);
            }
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? -1) + 1, $"not a valid model config: {JsonProblem.Describe(e)}");
        }

        if (config is null)
        {
            throw new DataFormatException(path, 0, "empty model config");
        }

        if (config.FormatVersion is < 1 or > FormatVersion)
        {
            throw new DataFormatException(path, 0, $"model format version {config.FormatVersion}; this Baco reads versions 1 to {FormatVersion}");
        }

        if (config.Dim < 1 || config.Layers < 0 || config.Users < 0 || config.Items < 0)
        {
            throw new DataFormatException(path, 0, $"impossible sizes (dim {config.Dim}, layers {config.Layers}, {config.Users} users, {config.Items} items)");
        }

        return config;
    }

    private static float[] ReadCodebook(string path, int rows, int dim)
    {
        var book = NpyFile.ReadFloat32Matrix(path);
        if (book.Rows != rows || book.Columns != dim)
        {
            throw new DataFormatException(path, 0, $"is {book.Rows} x {book.Columns}, expected {rows} x {dim} ({ConfigFile})");
        }

        // A diverged or damaged model would otherwise rank every item NaN and recommend nothing.
        int bad = Array.FindIndex(book.Data, x => !float.IsFinite(x));
        if (bad >= 0)
        {
            throw new DataFormatException(path, 0, $"row {bad / dim}, column {bad % dim} is {book.Data[bad].ToString(System.Globalization.CultureInfo.InvariantCulture)}: the model is unusable (its training diverged or the file is damaged); train it again");
        }

        return book.Data;
    }

    private static InteractionList ReadPairs(string directory, string usersFile, string itemsFile, ModelConfig config)
    {
        string usersPath = Path.Combine(directory, usersFile);
        string itemsPath = Path.Combine(directory, itemsFile);
        int[] users = NpyFile.ReadInt32(usersPath);
        int[] items = NpyFile.ReadInt32(itemsPath);
        if (users.Length != items.Length)
        {
            throw new DataFormatException(itemsPath, 0, $"has {items.Length} entries, {usersFile} has {users.Length}");
        }

        CheckRange(usersPath, users, config.Users, "user");
        CheckRange(itemsPath, items, config.Items, "item");
        return InteractionList.FromPairs(users, items);
    }

    private static void CheckRange(string path, int[] ids, int count, string kind)
    {
        for (int k = 0; k < ids.Length; k++)
        {
            if ((uint)ids[k] >= (uint)count)
            {
                throw new DataFormatException(path, 0, $"{kind} {ids[k]} at position {k} is outside the model's {count} {kind}s");
            }
        }
    }

    /// <summary>Reads enum members by their C# names, as version 1 wrote them (<see cref="Names.TryParse"/> accepts both spellings).</summary>
    private sealed class LegacyEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => Names.TryParse(reader.GetString(), out T value) ? value : throw new JsonException($"unknown {typeof(T).Name} '{reader.GetString()}'");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
