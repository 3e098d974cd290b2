using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.IO;
using static Baco.Tests.Assignment.StableRowsData;

namespace Baco.Tests.Assignment;

public class CompressPreviousTests
{
    private static readonly string[] AssignmentFiles =
        ["user_codes.npy", "user_offsets.npy", "item_codes.npy", "item_offsets.npy", "cocluster_links.npy", "baco_fold_in.json", "user_ids.txt", "item_ids.txt"];

    private static string[] Compress(string train, string test, string output, params string[] extra)
        => ["compress", "--train", train, "--test", test, "--gamma", "0.5", "--dim", "8", .. extra, "--out", output];

    private static JsonObject Json(string dir, string file) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, file)))!;

    [Fact]
    public void OnAnUnchangedGraphEveryRowMapsToItselfAndTheAssignmentIsByteForByteTheSame()
    {
        using var tmp = new TempDirectory();
        var (train, _, test) = Files(tmp);
        Ok(Compress(train, test, tmp["a"]));
        Ok(Compress(train, test, tmp["b"], "--previous", tmp["a"]));
        foreach (string f in AssignmentFiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp["a"], f)), File.ReadAllBytes(Path.Combine(tmp["b"], f)));
        }

        var meta = Json(tmp["b"], "assignment.json");
        Assert.True(meta.Remove("row_map"));
        Assert.Equal(Json(tmp["a"], "assignment.json").ToJsonString(), meta.ToJsonString());

        var a = AssignmentStore.Load(tmp["a"]).Assignment;
        Assert.Equal(Enumerable.Range(0, a.Users.RowCount), NpyFile.ReadInt32(Path.Combine(tmp["b"], "user_row_map.npy")));
        Assert.Equal(Enumerable.Range(0, a.Items.RowCount), NpyFile.ReadInt32(Path.Combine(tmp["b"], "item_row_map.npy")));
        var previous = Json(tmp["b"], "summary.json")["previous"]!;
        Assert.Equal(Path.GetFullPath(tmp["a"]), (string)previous["assignment"]!);
        foreach (string side in new[] { "users", "items" })
        {
            var s = previous[side]!;
            Assert.Equal((int)s["rows"]!, (int)s["rows_matched"]!);
            Assert.Equal((int)s["rows"]!, (int)s["rows_keeping_number"]!);
            Assert.Equal((long)s["entities_in_both"]!, (long)s["members_shared"]!);
            Assert.Equal(0, (int)s["entities_new"]!);
        }
    }

    [Fact]
    public void AChangedGraphIsRenumberedOnlyTheSameInputGivesTheSameBytesAndWithoutPreviousNothingChanges()
    {
        using var tmp = new TempDirectory();
        var (train, changed, test) = Files(tmp);
        Ok(Compress(train, test, tmp["a"]));
        Ok(Compress(changed, test, tmp["plain"]));
        Ok(Compress(changed, test, tmp["b"], "--previous", tmp["a"]));
        Ok(Compress(changed, test, tmp["c"], "--previous", tmp["a"]));

        // Without --previous: no row map anywhere.
        Assert.False(File.Exists(Path.Combine(tmp["plain"], "user_row_map.npy")));
        Assert.False(Json(tmp["plain"], "assignment.json").ContainsKey("row_map"));
        Assert.False(Json(tmp["plain"], "summary.json").ContainsKey("previous"));

        // The same clustering as without --previous, rows renamed by one permutation per side.
        var plain = AssignmentStore.Load(tmp["plain"]).Assignment;
        var b = AssignmentStore.Load(tmp["b"]);
        Assert.Equal(plain.Parameters(8), b.Assignment.Parameters(8));
        Assert.Equal(plain.Users.Offsets, b.Assignment.Users.Offsets);
        foreach (var (p, n) in new[] { (plain.Users, b.Assignment.Users), (plain.Items, b.Assignment.Items) })
        {
            var rename = new Dictionary<int, int>();
            for (int k = 0; k < p.Codes.Length; k++)
            {
                Assert.Equal(rename.TryAdd(p.Codes[k], n.Codes[k]) ? n.Codes[k] : rename[p.Codes[k]], n.Codes[k]);
            }

            Assert.Equal(rename.Count, rename.Values.Distinct().Count());
        }

        // New users n0..n3 are counted; u1 has only test interactions now, still in both.
        var users = Json(tmp["b"], "summary.json")["previous"]!["users"]!;
        Assert.Equal(4, (int)users["entities_new"]!);
        Assert.InRange((int)users["rows_matched"]!, 1, (int)users["rows"]!);
        Assert.Equal(b.Assignment.PreviousRows!.UserRows.Count(r => r >= 0), (int)users["rows_matched"]!);

        // Same input, same bytes (summary.json differs only in its timings).
        foreach (string path in Directory.GetFiles(tmp["b"]).Where(p => !p.EndsWith("summary.json", StringComparison.Ordinal) && !p.EndsWith(".baco-output", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(tmp["c"], Path.GetFileName(path))));
        }

        static string WithoutTimes(JsonObject summary)
        {
            summary.Remove("seconds");
            ((JsonObject)summary["previous"]!).Remove("seconds");
            return summary.ToJsonString();
        }

        Assert.Equal(WithoutTimes(Json(tmp["b"], "summary.json")), WithoutTimes(Json(tmp["c"], "summary.json")));
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void BadPreviousDirectoriesAndMethodsAreOneLineWithExitCodeTwo()
    {
        using var tmp = new TempDirectory();
        var (train, _, test) = Files(tmp);
        Ok(Compress(train, test, tmp["a"]));
        string plain = Directory.CreateDirectory(tmp["plain"]).FullName;
        Assert.Contains("does not exist", BadInput(Compress(train, test, tmp["o1"], "--previous", tmp["missing"])));
        Assert.Contains("not an assignment directory", BadInput(Compress(train, test, tmp["o2"], "--previous", plain)));
        Assert.Contains("is a file", BadInput(Compress(train, test, tmp["o3"], "--previous", train)));
        Assert.Contains("'--method random'", BadInput(["compress", "--train", train, "--method", "random", "--budget", "0.5", "--previous", tmp["a"], "--out", tmp["o4"]]));
        Assert.Contains("'--out'", BadInput(Compress(train, test, tmp["a"], "--previous", tmp["a"])));

        // A damaged row map is named by its file.
        Ok(Compress(train, test, tmp["b"], "--previous", tmp["a"]));
        NpyFile.WriteInt32(Path.Combine(tmp["b"], "item_row_map.npy"), [0, 0]);
        Assert.Contains("item_row_map.npy", BadInput(Compress(train, test, tmp["o5"], "--previous", tmp["b"])));
        // Other data altogether: no id in common, so nothing could be numbered against it.
        string other = tmp.File("other.tsv", "user\titem\nx1\ty1\nx2\ty2\nx1\ty2\n");
        Assert.Contains("shares no user and no item id with these data", BadInput(["compress", "--train", other, "--gamma", "0.5", "--previous", tmp["a"], "--out", tmp["o6"]]));
        foreach (string o in new[] { "o1", "o2", "o3", "o4", "o5", "o6" })
        {
            Assert.False(Directory.Exists(tmp[o]), o);
        }

        Assert.True(File.Exists(Path.Combine(tmp["a"], "user_codes.npy")), "the --previous given as --out was touched");
    }
}
