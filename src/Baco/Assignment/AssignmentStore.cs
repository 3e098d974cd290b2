using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baco.Clustering.Balanced;
using Baco.Codebooks;
using Baco.Data;
using Baco.IO;

namespace Baco.Assignment;

/// <summary>
/// Saves a <see cref="CodebookAssignment"/> with its id maps and a summary to a directory that
/// Python can read (NumPy .npy arrays, text id lists, JSON), and loads it back with full
/// validation. Writing is atomic: files go to a temporary sibling directory that is renamed into
/// place, so a reader never sees a half-written directory.
/// </summary>
public static class AssignmentStore
{
    /// <summary>Flat int32 user codes.</summary>
    public const string UserCodesFile = "user_codes.npy";

    /// <summary>int64 user offsets, users + 1 of them.</summary>
    public const string UserOffsetsFile = "user_offsets.npy";

    /// <summary>Flat int32 item codes.</summary>
    public const string ItemCodesFile = "item_codes.npy";

    /// <summary>int64 item offsets, items + 1 of them.</summary>
    public const string ItemOffsetsFile = "item_offsets.npy";

    /// <summary>User ids, one a line in dense order (absent when the map is the identity).</summary>
    public const string UserIdsFile = "user_ids.txt";

    /// <summary>Item ids, one a line in dense order (absent when the map is the identity).</summary>
    public const string ItemIdsFile = "item_ids.txt";

    /// <summary>Method, combiner, sizes and how ids are stored.</summary>
    public const string AssignmentFile = "assignment.json";

    /// <summary>Graph methods and BACO: int32 item row of each user row's co-cluster, -1 for none.</summary>
    public const string CoClusterLinksFile = "cocluster_links.npy";

    /// <summary>BACO: gamma, settings, weight scales and row volumes, for assigning new nodes.</summary>
    public const string BacoFoldInFile = "baco_fold_in.json";

    /// <summary>Rows numbered against an earlier assignment: int32, per user row the earlier user row or -1.</summary>
    public const string UserRowMapFile = "user_row_map.npy";

    /// <summary>Rows numbered against an earlier assignment: int32, per item row the earlier item row or -1.</summary>
    public const string ItemRowMapFile = "item_row_map.npy";

    /// <summary>The caller's summary.</summary>
    public const string SummaryFile = "summary.json";

    // Every file an assignment directory may hold, for the check that none changed since it was written.
    private static readonly string[] Files = [AssignmentFile, UserCodesFile, UserOffsetsFile, ItemCodesFile, ItemOffsetsFile, UserIdsFile, ItemIdsFile,
        CoClusterLinksFile, BacoFoldInFile, UserRowMapFile, ItemRowMapFile, SummaryFile];

    private const string FormatName = "baco-assignment";
    private const int FormatVersion = 1;
    private const string Identity = "identity";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Writes everything to <paramref name="dir"/>, replacing an existing directory only once the
    /// new one is complete, and only if Baco wrote it (see <see cref="OutputDirectory"/>).
    /// </summary>
    public static void Write(string dir, CodebookAssignment assignment, IdMap users, IdMap items, JsonNode summary)
    {
        CheckWritable(dir, assignment, users, items, summary);
        OutputDirectory.Write(dir, "AssignmentStore.Write", work => WriteFiles(work, assignment, users, items, summary));
    }

    /// <summary>Loads and validates a directory written by <see cref="Write"/>.</summary>
    public static StoredAssignment Load(string dir)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        if (!Directory.Exists(dir))
        {
            throw new DataFormatException(dir, 0, "assignment directory not found");
        }

        string metaPath = Path.Combine(dir, AssignmentFile);
        var meta = ParseJson(metaPath) as JsonObject
            ?? throw new DataFormatException(metaPath, 0, "expected a JSON object");
        string format = Field<string>(meta, metaPath, "format");
        int version = Field<int>(meta, metaPath, "version");
        if (format != FormatName || version != FormatVersion)
        {
            throw new DataFormatException(metaPath, 0, $"not a Baco assignment of version {FormatVersion} (format '{format}', version {version})");
        }

        string method = Field<string>(meta, metaPath, "method");
        string combinerText = Field<string>(meta, metaPath, "combiner");
        var combiner = Names.TryParse(combinerText, out CodeCombiner c) ? c
            : throw new DataFormatException(metaPath, 0, $"unknown combiner '{combinerText}' (expected {Expected<CodeCombiner>()})");

        var userSide = LoadSide(dir, metaPath, meta, "user", UserCodesFile, UserOffsetsFile);
        var itemSide = LoadSide(dir, metaPath, meta, "item", ItemCodesFile, ItemOffsetsFile);
        var userIds = LoadIds(dir, metaPath, meta, "user_ids", UserIdsFile, userSide.EntityCount);
        var itemIds = LoadIds(dir, metaPath, meta, "item_ids", ItemIdsFile, itemSide.EntityCount);
        var summary = ParseJson(Path.Combine(dir, SummaryFile));
        var assignment = new CodebookAssignment(method, userSide, itemSide, combiner)
        {
            ItemRowOfUserRow = LoadLinks(dir, metaPath, meta, userSide.RowCount, itemSide.RowCount),
            UserColdRow = ColdRow(metaPath, meta, "user_cold_row", userSide.RowCount),
            ItemColdRow = ColdRow(metaPath, meta, "item_cold_row", itemSide.RowCount),
            FoldIn = meta.ContainsKey("baco_fold_in") ? LoadBaco(dir, metaPath, meta, userSide.RowCount, itemSide.RowCount) : null,
            PreviousRows = meta.ContainsKey("row_map") ? LoadRowMap(dir, metaPath, meta, userSide.RowCount, itemSide.RowCount) : null,
        };
        OutputMarker.EnsureUnchanged(dir, Files);
        return new StoredAssignment(assignment, userIds, itemIds, summary);
    }

    /// <summary>
    /// Writes the assignment files into <paramref name="dir"/>, not atomically: for callers that
    /// assemble a larger directory in an <see cref="OutputDirectory"/>'s work directory. The
    /// directory must be new or empty (<see cref="OutputPathException"/> otherwise), so nothing
    /// there is overwritten; <see cref="Write"/> replaces an earlier output safely.
    /// </summary>
    public static void WriteInto(string dir, CodebookAssignment a, IdMap users, IdMap items, JsonNode summary)
    {
        CheckWritable(dir, a, users, items, summary);
        EnsureNewOrEmpty(dir);
        WriteFiles(dir, a, users, items, summary);
    }

    /// <summary>Refuses null arguments and id maps of another size than the assignment's.</summary>
    internal static void CheckWritable(string dir, CodebookAssignment assignment, IdMap users, IdMap items, JsonNode summary)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(summary);
        if (users.Count != assignment.Users.EntityCount || items.Count != assignment.Items.EntityCount)
        {
            throw new ArgumentException(
                $"Id maps ({users.Count} users, {items.Count} items) do not match the assignment ({assignment.Users.EntityCount} users, {assignment.Items.EntityCount} items).");
        }
    }

    /// <summary>Refuses a directory that holds anything: the non-atomic writers never overwrite.</summary>
    internal static void EnsureNewOrEmpty(string dir)
    {
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new OutputPathException(dir, "is not empty; files are written only into a new or empty directory (AssignmentStore.Write and OutputDirectory replace an earlier output safely)");
        }

        if (File.Exists(dir))
        {
            throw new OutputPathException(dir, "is a file; give a directory path");
        }

        Directory.CreateDirectory(dir);
    }

    /// <summary>Writes the files into a directory the caller has checked.</summary>
    internal static void WriteFiles(string dir, CodebookAssignment a, IdMap users, IdMap items, JsonNode summary)
    {
        NpyFile.WriteInt32(Path.Combine(dir, UserCodesFile), a.Users.Codes);
        NpyFile.WriteInt64(Path.Combine(dir, UserOffsetsFile), a.Users.Offsets);
        NpyFile.WriteInt32(Path.Combine(dir, ItemCodesFile), a.Items.Codes);
        NpyFile.WriteInt64(Path.Combine(dir, ItemOffsetsFile), a.Items.Offsets);
        string userIds = WriteIds(dir, users, UserIdsFile);
        string itemIds = WriteIds(dir, items, ItemIdsFile);

        var meta = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = FormatVersion,
            ["method"] = a.Method,
            ["combiner"] = Names.Of(a.Combiner),
            ["user_rows"] = a.Users.RowCount,
            ["item_rows"] = a.Items.RowCount,
            ["users"] = a.Users.EntityCount,
            ["items"] = a.Items.EntityCount,
            ["user_codes"] = a.Users.Codes.Length,
            ["item_codes"] = a.Items.Codes.Length,
            ["user_ids"] = userIds,
            ["item_ids"] = itemIds,
        };
        if (a.UserColdRow >= 0)
        {
            meta["user_cold_row"] = a.UserColdRow;
        }

        if (a.ItemColdRow >= 0)
        {
            meta["item_cold_row"] = a.ItemColdRow;
        }

        if (a.ItemRowOfUserRow is { } links)
        {
            NpyFile.WriteInt32(Path.Combine(dir, CoClusterLinksFile), links);
            meta["cocluster_links"] = CoClusterLinksFile;
        }

        if (a.FoldIn is BacoFoldIn baco)
        {
            WriteText(Path.Combine(dir, BacoFoldInFile), BacoJson(baco).ToJsonString(Indented) + "\n");
            meta["baco_fold_in"] = BacoFoldInFile;
        }
        else if (a.FoldIn is not null)
        {
            throw new NotSupportedException($"the assignment store has no file for a {a.FoldIn.GetType().Name}");
        }

        if (a.PreviousRows is { } rowMap)
        {
            NpyFile.WriteInt32(Path.Combine(dir, UserRowMapFile), rowMap.UserRows);
            NpyFile.WriteInt32(Path.Combine(dir, ItemRowMapFile), rowMap.ItemRows);
            meta["row_map"] = new JsonObject
            {
                ["users"] = UserRowMapFile,
                ["items"] = ItemRowMapFile,
                ["previous_user_rows"] = rowMap.PreviousUserRows,
                ["previous_item_rows"] = rowMap.PreviousItemRows,
                ["previous_assignment"] = rowMap.Previous,
            };
        }

        WriteText(Path.Combine(dir, AssignmentFile), meta.ToJsonString(Indented) + "\n");
        WriteText(Path.Combine(dir, SummaryFile), summary.ToJsonString(Indented) + "\n");
    }

    /// <summary>Writes the id list unless the map is the identity; returns what assignment.json records.</summary>
    private static string WriteIds(string dir, IdMap map, string file)
    {
        if (map.IsIdentity)
        {
            return Identity;
        }

        var text = new StringBuilder();
        for (int k = 0; k < map.Count; k++)
        {
            string name = map.NameOf(k);
            if (name.AsSpan().ContainsAny('\n', '\r'))
            {
                throw new ArgumentException($"Id '{name.ReplaceLineEndings(" ")}' contains a line break and cannot be written one per line.");
            }

            text.Append(name).Append('\n');
        }

        WriteText(Path.Combine(dir, file), text.ToString());
        return file;
    }

    private static void WriteText(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(new UTF8Encoding(false).GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    private static SideAssignment LoadSide(string dir, string metaPath, JsonObject meta, string side, string codesFile, string offsetsFile)
    {
        int rows = Field<int>(meta, metaPath, side + "_rows");
        int entities = Field<int>(meta, metaPath, side + "s");
        if (rows < 0 || entities < 0)
        {
            throw new DataFormatException(metaPath, 0, $"'{side}_rows' and '{side}s' must be non-negative");
        }

        string codesPath = Path.Combine(dir, codesFile);
        string offsetsPath = Path.Combine(dir, offsetsFile);
        int[] codes = NpyFile.ReadInt32(codesPath);
        long[] offsets = NpyFile.ReadInt64(offsetsPath);
        int storedCodes = Field<int>(meta, metaPath, side + "_codes");
        if (codes.Length != storedCodes)
        {
            throw new DataFormatException(codesPath, 0, $"has {codes.Length} codes, {AssignmentFile} says {storedCodes}");
        }

        if (offsets.Length != entities + 1)
        {
            throw new DataFormatException(offsetsPath, 0, $"has {offsets.Length} offsets, expected {side}s + 1 = {entities + 1}");
        }

        if (offsets[0] != 0 || offsets[^1] != codes.Length)
        {
            throw new DataFormatException(offsetsPath, 0, $"offsets must start at 0 and end at the number of codes ({codes.Length}); found {offsets[0]} .. {offsets[^1]}");
        }

        for (int e = 0; e < entities; e++)
        {
            if (offsets[e + 1] <= offsets[e])
            {
                throw new DataFormatException(offsetsPath, 0, $"{side} {e} has no code (offsets {offsets[e]}, {offsets[e + 1]}); every entity needs at least one");
            }
        }

        for (int k = 0; k < codes.Length; k++)
        {
            if ((uint)codes[k] >= (uint)rows)
            {
                throw new DataFormatException(codesPath, 0, $"code {codes[k]} at position {k} is outside the {rows} {side} codebook rows");
            }
        }

        return new SideAssignment(rows, codes, offsets);
    }

    private static IdMap LoadIds(string dir, string metaPath, JsonObject meta, string key, string expectedFile, int count)
    {
        string stored = Field<string>(meta, metaPath, key);
        if (stored == Identity)
        {
            return IdMap.Identity(count);
        }

        if (stored != expectedFile)
        {
            throw new DataFormatException(metaPath, 0, $"'{key}' must be \"{Identity}\" or \"{expectedFile}\", found \"{stored}\"");
        }

        string path = Path.Combine(dir, expectedFile);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "file not found");
        }

        string text = File.ReadAllText(path, Encoding.UTF8);

        // baco writes LF only and ids never hold a CR: CR LF means the file was converted since
        // (a git checkout with autocrlf, an editor), and each id would gain a '\r'.
        if (text.IndexOf('\r') is int cr and >= 0)
        {
            throw new DataFormatException(path, text.AsSpan(0, cr).Count('\n') + 1, "ends its lines with CR LF (Windows line endings), which baco does not write: the file was converted after it was written; convert it back (for example sed -i 's/\\r$//' FILE)");
        }

        var names = text.Split('\n');

        // Every id is followed by '\n', so the split leaves one empty string at the end.
        if (names.Length == count && names[^1].Length != 0)
        {
            throw new DataFormatException(path, count, $"its last id, '{names[^1]}', is not followed by a newline as baco writes it: the file was cut short or edited");
        }

        if (names.Length == 0 || names[^1].Length != 0 || names.Length - 1 != count)
        {
            throw new DataFormatException(path, 0, $"has {names.Length - (names[^1].Length == 0 ? 1 : 0)} ids, expected {count} (one a line, each ending in a newline)");
        }

        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        for (int k = 0; k < count; k++)
        {
            if (!seen.Add(names[k]))
            {
                throw new DataFormatException(path, k + 1, $"duplicate id '{names[k]}'");
            }
        }

        return IdMap.FromNames(names.AsSpan(0, count).ToArray());
    }

    private static JsonObject BacoJson(BacoFoldIn b)
    {
        var json = new JsonObject
        {
            ["gamma"] = b.Gamma,
            ["user_weights"] = NodeWeights.Name(b.UserWeights),
            ["item_weights"] = NodeWeights.Name(b.ItemWeights),
            ["move"] = Names.Of(b.MoveRule),
            ["secondary"] = b.SecondaryUserClusters,
            ["user_weight_scale"] = b.UserWeightScale,
            ["item_weight_scale"] = b.ItemWeightScale,
            ["user_row_volumes"] = new JsonArray([.. b.UserRowVolumes.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["item_row_volumes"] = new JsonArray([.. b.ItemRowVolumes.Select(v => (JsonNode?)JsonValue.Create(v))]),
        };

        // Only when on, so files written without the experimental option stay as they were.
        if (b.SecondaryItemClusters)
        {
            json["secondary_items"] = true;
        }

        return json;
    }

    private static int ColdRow(string metaPath, JsonObject meta, string name, int rows)
    {
        if (!meta.ContainsKey(name))
        {
            return -1;
        }

        int row = Field<int>(meta, metaPath, name);
        return (uint)row < (uint)rows ? row : throw new DataFormatException(metaPath, 0, $"'{name}' {row} is not one of the {rows} rows");
    }

    private static int[]? LoadLinks(string dir, string metaPath, JsonObject meta, int userRows, int itemRows)
    {
        if (!meta.ContainsKey("cocluster_links"))
        {
            return null;
        }

        if (Field<string>(meta, metaPath, "cocluster_links") != CoClusterLinksFile)
        {
            throw new DataFormatException(metaPath, 0, $"'cocluster_links' must be \"{CoClusterLinksFile}\"");
        }

        string path = Path.Combine(dir, CoClusterLinksFile);
        int[] links = NpyFile.ReadInt32(path);
        if (links.Length != userRows)
        {
            throw new DataFormatException(path, 0, $"has {links.Length} links, expected one per user row ({userRows})");
        }

        for (int r = 0; r < links.Length; r++)
        {
            if (links[r] < -1 || links[r] >= itemRows)
            {
                throw new DataFormatException(path, 0, $"link {links[r]} of user row {r} is neither -1 nor one of the {itemRows} item rows");
            }
        }

        return links;
    }

    private static RowMap LoadRowMap(string dir, string metaPath, JsonObject meta, int userRows, int itemRows)
    {
        var o = meta["row_map"] as JsonObject ?? throw new DataFormatException(metaPath, 0, "'row_map' must be an object");
        if (Field<string>(o, metaPath, "users") != UserRowMapFile || Field<string>(o, metaPath, "items") != ItemRowMapFile)
        {
            throw new DataFormatException(metaPath, 0, $"'row_map' must name \"{UserRowMapFile}\" and \"{ItemRowMapFile}\"");
        }

        int previousUsers = Field<int>(o, metaPath, "previous_user_rows");
        int previousItems = Field<int>(o, metaPath, "previous_item_rows");
        string previous = Field<string>(o, metaPath, "previous_assignment");
        if (previousUsers < 0 || previousItems < 0)
        {
            throw new DataFormatException(metaPath, 0, "'row_map': the earlier row counts must be non-negative");
        }

        int[] Side(string side, string file, int rows, int previousRows)
        {
            string path = Path.Combine(dir, file);
            int[] map = NpyFile.ReadInt32(path);
            return RowMap.SideProblem(side, map, rows, previousRows) is { } problem ? throw new DataFormatException(path, 0, problem) : map;
        }

        return new RowMap(Side("user", UserRowMapFile, userRows, previousUsers), Side("item", ItemRowMapFile, itemRows, previousItems), previousUsers, previousItems, previous);
    }

    private static BacoFoldIn LoadBaco(string dir, string metaPath, JsonObject meta, int userRows, int itemRows)
    {
        if (Field<string>(meta, metaPath, "baco_fold_in") != BacoFoldInFile)
        {
            throw new DataFormatException(metaPath, 0, $"'baco_fold_in' must be \"{BacoFoldInFile}\"");
        }

        string path = Path.Combine(dir, BacoFoldInFile);
        var o = ParseJson(path) as JsonObject ?? throw new DataFormatException(path, 0, "expected a JSON object");
        string move = Field<string>(o, path, "move");
        var rule = Names.TryParse(move, out MoveRule r) ? r
            : throw new DataFormatException(path, 0, $"unknown move rule '{move}' (expected {Expected<MoveRule>()})");
        return new BacoFoldIn(
            Positive(o, path, "gamma"),
            Scheme(o, path, "user_weights"),
            Scheme(o, path, "item_weights"),
            rule,
            Field<bool>(o, path, "secondary"),
            Positive(o, path, "user_weight_scale"),
            Positive(o, path, "item_weight_scale"),
            Volumes(o, path, "user_row_volumes", userRows),
            Volumes(o, path, "item_row_volumes", itemRows),
            o.ContainsKey("secondary_items") && Field<bool>(o, path, "secondary_items")); // absent before the option existed
    }

    // The names a stored enum field may have, quoted as in the file: "\"mean\" or \"sum\"".
    private static string Expected<T>()
        where T : struct, Enum
        => Names.Alternatives([.. Names.All<T>().Select(n => $"\"{n}\"")]);

    private static double Positive(JsonObject o, string path, string name)
    {
        double v = Field<double>(o, path, name);
        return v > 0 && double.IsFinite(v) ? v : throw new DataFormatException(path, 0, $"'{name}' must be a positive number, found {v}");
    }

    private static WeightScheme Scheme(JsonObject o, string path, string name)
    {
        try
        {
            return NodeWeights.Parse(Field<string>(o, path, name));
        }
        catch (InvalidSettingException e)
        {
            throw new DataFormatException(path, 0, $"'{name}': {e.Reason}");
        }
    }

    private static double[] Volumes(JsonObject o, string path, string name, int rows)
    {
        if (o[name] is not JsonArray array || array.Count != rows)
        {
            throw new DataFormatException(path, 0, $"'{name}' must be an array of {rows} numbers, one per row");
        }

        var v = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            v[r] = array[r] is JsonValue x && x.TryGetValue(out double d) && d >= 0 && double.IsFinite(d)
                ? d
                : throw new DataFormatException(path, 0, $"'{name}' entry {r} must be a non-negative number");
        }

        return v;
    }

    private static JsonNode ParseJson(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "file not found");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8))
                ?? throw new DataFormatException(path, 0, "the JSON is null");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? -1) + 1, $"invalid JSON: {JsonProblem.Describe(e)}");
        }
    }

    private static T Field<T>(JsonObject meta, string path, string name)
    {
        try
        {
            if (meta[name] is JsonValue value && value.TryGetValue(out T? result) && result is not null)
            {
                return result;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            // Reported below as a missing or invalid field.
        }

        throw new DataFormatException(path, 0, $"missing or invalid '{name}' ({typeof(T).Name.ToLower(CultureInfo.InvariantCulture)} expected)");
    }
}
