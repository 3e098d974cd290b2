using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Codebooks;
using Baco.Data;
using Baco.IO;

namespace Baco.Tests.Assignment;

public sealed class AssignmentStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CodebookAssignment Sample() => new(
        "baco",
        new SideAssignment(2, [0, 1, 1, 0], [0, 1, 3, 4]),
        SideAssignment.FromLabels([2, 0, 1, 2, 0], 3),
        CodeCombiner.Sum);

    private static JsonObject Summary() => new() { ["recall@20"] = 0.123, ["note"] = "héllo", ["rows"] = new JsonArray(1, 2) };

    private static void AssertSame(CodebookAssignment a, CodebookAssignment b)
    {
        Assert.Equal(a.Method, b.Method);
        Assert.Equal(a.Combiner, b.Combiner);
        Assert.Equal(a.Users.RowCount, b.Users.RowCount);
        Assert.Equal(a.Items.RowCount, b.Items.RowCount);
        Assert.Equal(a.Users.Codes, b.Users.Codes);
        Assert.Equal(a.Users.Offsets, b.Users.Offsets);
        Assert.Equal(a.Items.Codes, b.Items.Codes);
        Assert.Equal(a.Items.Offsets, b.Items.Offsets);
    }

    [Fact]
    public void NamedIds_RoundTrip()
    {
        string dir = _dir["out"];
        var users = IdMap.FromNames(["alice", "bob", "çé"]);
        var items = IdMap.FromNames(["i5", "i1", "x y", "7", "#8"]);
        AssignmentStore.Write(dir, Sample(), users, items, Summary());

        Assert.Equal(
            [".baco-output", "assignment.json", "item_codes.npy", "item_ids.txt", "item_offsets.npy", "summary.json", "user_codes.npy", "user_ids.txt", "user_offsets.npy"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("alice\nbob\nçé\n", File.ReadAllText(Path.Combine(dir, "user_ids.txt")));
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "assignment.json")))!;
        Assert.Equal("sum", (string?)meta["combiner"]);
        Assert.Equal(2, (int?)meta["user_rows"]);
        Assert.Equal(3, (int?)meta["item_rows"]);
        Assert.Equal([0L, 1, 3, 4], NpyFile.ReadInt64(Path.Combine(dir, "user_offsets.npy")));

        var loaded = AssignmentStore.Load(dir);
        AssertSame(Sample(), loaded.Assignment);
        Assert.Equal(users.Names(), loaded.Users.Names());
        Assert.Equal(items.Names(), loaded.Items.Names());
        Assert.Equal(0.123, (double?)loaded.Summary["recall@20"]);
        Assert.Equal("héllo", (string?)loaded.Summary["note"]);
        Assert.Equal([dir], Directory.GetDirectories(_dir.Path));
    }

    [Fact]
    public void IdentityIds_StayIdentity()
    {
        string dir = _dir["full"];
        var full = CodebookAssignment.Full(3, 2);
        AssignmentStore.Write(dir, full, IdMap.Identity(3), IdMap.Identity(2), new JsonObject());
        Assert.False(File.Exists(Path.Combine(dir, "user_ids.txt")));
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "assignment.json")))!;
        Assert.Equal("identity", (string?)meta["user_ids"]);
        var loaded = AssignmentStore.Load(dir);
        Assert.True(loaded.Users.IsIdentity);
        Assert.True(loaded.Items.IsIdentity);
        Assert.Equal(3, loaded.Users.Count);
        Assert.Equal(CodeCombiner.Mean, loaded.Assignment.Combiner);
        AssertSame(full, loaded.Assignment);
    }

    [Fact]
    public void Rewrite_ReplacesTheDirectoryAndLeavesNoTemporaries()
    {
        string dir = _dir["out"];
        AssignmentStore.Write(dir, Sample(), IdMap.FromNames(["a", "b", "c"]), IdMap.Identity(5), new JsonObject { ["v"] = 1 });
        Assert.True(File.Exists(Path.Combine(dir, "user_ids.txt")));
        AssignmentStore.Write(dir, CodebookAssignment.Full(3, 5), IdMap.Identity(3), IdMap.Identity(5), new JsonObject { ["v"] = 2 });

        // The old directory's files went with it: an identity map writes no id list.
        Assert.False(File.Exists(Path.Combine(dir, "user_ids.txt")));
        Assert.Equal(2, (int?)AssignmentStore.Load(dir).Summary["v"]);
        Assert.Equal([dir], Directory.GetDirectories(_dir.Path));
    }

    [Fact]
    public void FailedWrite_KeepsTheOldDirectory()
    {
        string dir = _dir["out"];
        AssignmentStore.Write(dir, Sample(), IdMap.Identity(3), IdMap.Identity(5), new JsonObject { ["v"] = 1 });
        var badNames = IdMap.FromNames(["a", "b\nc", "d"]);
        Assert.Throws<ArgumentException>(() => AssignmentStore.Write(dir, Sample(), badNames, IdMap.Identity(5), new JsonObject { ["v"] = 2 }));
        Assert.Equal(1, (int?)AssignmentStore.Load(dir).Summary["v"]);
        Assert.Equal([dir], Directory.GetDirectories(_dir.Path));
    }

    [Fact]
    public void MismatchedIdMaps_AreRejected()
        => Assert.Throws<ArgumentException>(() => AssignmentStore.Write(_dir["x"], Sample(), IdMap.Identity(4), IdMap.Identity(5), new JsonObject()));

    private string Written()
    {
        string dir = _dir["out"];
        AssignmentStore.Write(dir, Sample(), IdMap.FromNames(["a", "b", "c"]), IdMap.Identity(5), new JsonObject());
        return dir;
    }

    private static void LoadFails(string dir, string file, string reason)
    {
        var e = Assert.Throws<DataFormatException>(() => AssignmentStore.Load(dir));
        Assert.Contains(file, e.File, StringComparison.Ordinal);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsCodeOutOfRange()
    {
        string dir = Written();
        NpyFile.WriteInt32(Path.Combine(dir, "item_codes.npy"), [2, 0, 1, 3, 0]);
        LoadFails(dir, "item_codes.npy", "outside the 3 item codebook rows");
        NpyFile.WriteInt32(Path.Combine(dir, "item_codes.npy"), [2, 0, 1, 2]);
        LoadFails(dir, "item_codes.npy", "has 4 codes, assignment.json says 5");
    }

    [Fact]
    public void Load_RejectsInconsistentOffsets()
    {
        string dir = Written();
        NpyFile.WriteInt64(Path.Combine(dir, "user_offsets.npy"), [0, 1, 4]);
        LoadFails(dir, "user_offsets.npy", "expected users + 1 = 4");
        NpyFile.WriteInt64(Path.Combine(dir, "user_offsets.npy"), [0, 2, 2, 4]);
        LoadFails(dir, "user_offsets.npy", "user 1 has no code");
        NpyFile.WriteInt64(Path.Combine(dir, "user_offsets.npy"), [0, 1, 2, 3]);
        LoadFails(dir, "user_offsets.npy", "end at the number of codes (4)");
    }

    [Fact]
    public void Load_RejectsWrongDtypeIdsAndJson()
    {
        string dir = Written();
        NpyFile.WriteInt32(Path.Combine(dir, "user_offsets.npy"), [0, 1, 3, 4]);
        LoadFails(dir, "user_offsets.npy", "dtype");

        dir = Written();
        File.WriteAllText(Path.Combine(dir, "user_ids.txt"), "a\nb\n");
        LoadFails(dir, "user_ids.txt", "expected 3");
        File.WriteAllText(Path.Combine(dir, "user_ids.txt"), "a\nb\na\n");
        LoadFails(dir, "user_ids.txt", "duplicate id 'a'");

        // Converted to CR LF after baco wrote it (a git checkout): each id would gain a '\r'.
        File.WriteAllText(Path.Combine(dir, "user_ids.txt"), "a\r\nb\r\nc\r\n");
        LoadFails(dir, "user_ids.txt", "ends its lines with CR LF");

        // Three ids but the last without its newline: was "has 3 ids, expected 3".
        File.WriteAllText(Path.Combine(dir, "user_ids.txt"), "a\nb\nc");
        LoadFails(dir, "user_ids.txt", "its last id, 'c', is not followed by a newline");

        dir = Written();
        File.WriteAllText(Path.Combine(dir, "summary.json"), "{ broken");
        LoadFails(dir, "summary.json", "invalid JSON");

        dir = Written();
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "assignment.json")))!.AsObject();
        meta["combiner"] = "max";
        File.WriteAllText(Path.Combine(dir, "assignment.json"), meta.ToJsonString());
        LoadFails(dir, "assignment.json", "unknown combiner 'max'");
        meta.Remove("combiner");
        File.WriteAllText(Path.Combine(dir, "assignment.json"), meta.ToJsonString());
        LoadFails(dir, "assignment.json", "missing or invalid 'combiner'");

        File.Delete(Path.Combine(dir, "item_codes.npy"));
        meta["combiner"] = "mean";
        File.WriteAllText(Path.Combine(dir, "assignment.json"), meta.ToJsonString());
        LoadFails(dir, "item_codes.npy", "not found");

        LoadFails(_dir["nothing"], "nothing", "not found");
    }
}
