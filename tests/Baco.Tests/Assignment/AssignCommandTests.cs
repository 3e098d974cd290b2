using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Clustering.Hashing;
using Baco.Codebooks;
using Baco.Data;
using Baco.Tests.Cli;

namespace Baco.Tests.Assignment;

public class AssignCommandTests
{
    /// <summary>
    /// Two blocks: users a0..a3 x items x0..x3 and users b0..b3 x items y0..y3, all pairs; the
    /// item "lonely" occurs only in the test file, so it is isolated and makes a cold item row.
    /// </summary>
    private static (string Train, string Test) Blocks(TempDirectory tmp)
    {
        var lines = new List<string>();
        foreach (var (u, i) in new[] { ("a", "x"), ("b", "y") })
        {
            for (int k = 0; k < 4; k++)
            {
                for (int j = 0; j < 4; j++)
                {
                    lines.Add($"{u}{k}\t{i}{j}");
                }
            }
        }

        return (tmp.File("train.tsv", string.Join('\n', lines) + "\n"), tmp.File("test.tsv", "a0\tlonely\nb0\tlonely\n"));
    }

    private static string Compress(TempDirectory tmp, params string[] extra)
    {
        var (train, test) = Blocks(tmp);
        string dir = tmp["compressed"];
        var (code, _, err) = CliRunner.Run([.. new[] { "compress", "--train", train, "--test", test, "--dim", "8", "--out", dir }, .. extra]);
        Assert.True(code == 0, err);
        return dir;
    }

    private static readonly string NewInteractions =
        "newu\tx0\nnewu\tx1\nnewu\tx2\n" + // a new user whose items all sit in the a-block co-cluster
        "newu\tnewi\n" + // a new item whose only neighbour is new: the cold row
        "b1\tnewj\nb2\tnewj\n" + // a new item with known users of the b block
        "a1\tx1\n"; // a known pair, ignored

    [Fact]
    public void NewNodesJoinTheirNeighboursCoClusterAndAnItemWithoutKnownNeighboursGetsTheColdRow()
    {
        using var tmp = new TempDirectory();
        string dir = Compress(tmp, "--gamma", "0.1");
        var before = AssignmentStore.Load(dir);
        Assert.Equal(2, before.Assignment.Items.RowCount - 1); // two co-clusters and the cold item row
        string newFile = tmp.File("new.tsv", NewInteractions);
        string outDir = tmp["extended"];
        var (code, stdout, err) = CliRunner.Run("assign", "--assignment", dir, "--interactions", newFile, "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("1 new user (", stdout);

        var after = AssignmentStore.Load(outDir);
        var a = after.Assignment;
        Assert.True(after.Users.TryGetId("newu", out int newu));
        Assert.Equal(8, newu); // appended after the 8 known users
        Assert.True(before.Users.TryGetId("a0", out int a0));
        Assert.Equal(before.Assignment.Users.CodesOf(a0).ToArray(), a.Users.CodesOf(newu).ToArray());

        Assert.True(after.Items.TryGetId("newi", out int newi));
        Assert.Equal(before.Assignment.ItemColdRow, a.Items.CodesOf(newi)[0]);
        Assert.True(after.Items.TryGetId("newj", out int newj));
        Assert.True(before.Items.TryGetId("y0", out int y0));
        Assert.Equal(before.Assignment.Items.CodesOf(y0)[0], a.Items.CodesOf(newj)[0]);

        var assigned = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!["assigned"]!;
        Assert.Equal(1, (int)assigned["new_users"]!);
        Assert.Equal(2, (int)assigned["new_items"]!);
        Assert.Equal(0, (int)assigned["cold_users"]!);
        Assert.Equal(1, (int)assigned["cold_items"]!);
        Assert.Equal(1, (int)assigned["known_pairs_ignored"]!);
        Assert.Equal(1, (int)assigned["new_pairs_ignored"]!);
    }

    [Fact]
    public void KnownCodesAreUnchangedRowsAreKeptAndTheSameInputGivesTheSameBytes()
    {
        using var tmp = new TempDirectory();
        string dir = Compress(tmp, "--gamma", "0.1");
        string newFile = tmp.File("new.tsv", NewInteractions);
        string one = tmp["one"], two = tmp["two"];
        Assert.Equal(0, CliRunner.Run("assign", "--assignment", dir, "--interactions", newFile, "--out", one).Code);
        Assert.Equal(0, CliRunner.Run("assign", "--assignment", dir, "--interactions", newFile, "--out", two).Code);
        foreach (string path in Directory.GetFiles(one))
        {
            string name = Path.GetFileName(path);
            if (name != ".baco-output")
            {
                Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(two, name)));
            }
        }

        var before = AssignmentStore.Load(dir).Assignment;
        var after = AssignmentStore.Load(one).Assignment;
        foreach (var (b, x) in new[] { (before.Users, after.Users), (before.Items, after.Items) })
        {
            Assert.Equal(b.RowCount, x.RowCount);
            Assert.Equal(b.OffsetArray, x.OffsetArray.AsSpan(0, b.OffsetArray.Length).ToArray());
            Assert.Equal(b.CodeArray, x.CodeArray.AsSpan(0, b.CodeArray.Length).ToArray());
        }

        // The .npy files of the known entities are the same bytes: the extended arrays start with them.
        byte[] oldCodes = File.ReadAllBytes(Path.Combine(dir, "item_codes.npy")), newCodes = File.ReadAllBytes(Path.Combine(one, "item_codes.npy"));
        int header = 10 + oldCodes[8] + (oldCodes[9] << 8); // .npy version 1: magic, version, HEADER_LEN, header
        Assert.Equal(oldCodes.AsSpan(header).ToArray(), newCodes.AsSpan(header, oldCodes.Length - header).ToArray());

        // Rows do not change; only extra indices (secondary rows of new users) can add parameters.
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(one, "summary.json")))!;
        Assert.Equal(before.Parameters(8) + (after.ExtraIndices - before.ExtraIndices), (long)summary["params"]!);
        Assert.Equal((long)summary["assigned"]!["params_before"]!, before.Parameters(8));
        Assert.Equal(before.TotalRows, (int)summary["assigned"]!["rows"]!);
    }

    [Fact]
    public void GraphBaselinesTakeTheRowHoldingMostKnownNeighbours()
    {
        using var tmp = new TempDirectory();
        string dir = Compress(tmp, "--method", "graphhash", "--gamma", "1");
        var before = AssignmentStore.Load(dir);
        Assert.True(before.Items.TryGetId("x0", out int x0));
        Assert.True(before.Items.TryGetId("y0", out int y0));
        Assert.NotEqual(before.Assignment.Items.CodesOf(x0)[0], before.Assignment.Items.CodesOf(y0)[0]);
        string newFile = tmp.File("new.tsv", "n\tx0\nn\ty0\nn\ty1\n");
        Assert.Equal(0, CliRunner.Run("assign", "--assignment", dir, "--interactions", newFile, "--out", tmp["o"]).Code);
        var after = AssignmentStore.Load(tmp["o"]);
        Assert.True(after.Users.TryGetId("n", out int n));
        Assert.True(before.Users.TryGetId("b0", out int b0));
        Assert.Equal(before.Assignment.Users.CodesOf(b0)[0], after.Assignment.Users.CodesOf(n)[0]);
    }

    [Fact]
    public void OnlyIdsOnALineOfTheNewFileAreAdded()
    {
        // The assignment's ids are strings; the new file's are integers, kept as written, so its
        // id space runs 0..6. Only 5 and 6 are on a line: 0..4 are not new users.
        using var tmp = new TempDirectory();
        string dir = Compress(tmp, "--gamma", "0.1");
        string extended = tmp["extended"];
        var (code, stdout, err) = CliRunner.Run("assign", "--assignment", dir, "--interactions", tmp.File("new.tsv", "5\tx0\n6\ty1\n"), "--out", extended);
        Assert.True(code == 0, err);
        Assert.StartsWith("2 new users", stdout, StringComparison.Ordinal);
        var ids = File.ReadAllLines(Path.Combine(extended, "user_ids.txt"));
        Assert.Equal(["5", "6"], ids[^2..]);
        Assert.Equal(File.ReadAllLines(Path.Combine(dir, "user_ids.txt")).Length + 2, ids.Length);
        Assert.DoesNotContain("warning", err, StringComparison.Ordinal);

        // A file that links no new entity to a known one is assigned, with a warning.
        var alien = CliRunner.Run("assign", "--assignment", dir, "--interactions", tmp.File("alien.tsv", "900\t901\n902\t901\n"), "--out", tmp["alien"]);
        Assert.True(alien.Code == 0, alien.Err);
        Assert.Contains("links a new user or item to a known one (2 pairs of new entities only)", alien.Err, StringComparison.Ordinal);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void TrainingOnOldAndNewInteractionsTakesTheExtendedAssignmentByName()
    {
        // Integer ids 0..7, then user 20: read alone, the joined file has users 0..20 (a gap of
        // 12 phantom users); read against the extended assignment, it has its 9 users.
        using var tmp = new TempDirectory();
        var old = Enumerable.Range(0, 8).SelectMany(u => Enumerable.Range(0, 4).Select(j => $"{u}\t{(u / 4 * 4) + j}"));
        string oldFile = tmp.File("old.tsv", string.Join('\n', old) + "\n");
        string dir = tmp["compressed"];
        Assert.Equal(0, CliRunner.Run("compress", "--train", oldFile, "--gamma", "0.1", "--dim", "8", "--out", dir).Code);
        string extended = tmp["extended"];
        const string NewLines = "20\t0\n20\t1\n";
        var assigned = CliRunner.Run("assign", "--assignment", dir, "--interactions", tmp.File("new.tsv", NewLines), "--out", extended);
        Assert.True(assigned.Code == 0, assigned.Err);

        string joined = tmp.File("joined.tsv", File.ReadAllText(oldFile) + NewLines);
        var (code, _, err) = CliRunner.Run("train", "--train", joined, "--assignment", extended, "--dim", "8", "--epochs", "1", "--val-fraction", "0", "--out", tmp["model"]);
        Assert.True(code == 0, err);
        Assert.DoesNotContain("appear in no file", err, StringComparison.Ordinal);
        Assert.Contains($"note: {extended} was clustered from 32 interactions and extended by 'baco assign'; its rows are kept as they are for the 34 here", err, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(Path.Combine(extended, "user_ids.txt")), File.ReadAllLines(Path.Combine(tmp["model"], "user_ids.txt")));

        // With a hold-out the extension is still noted, and the hold-out note's remedy
        // keeps the extension (compressing again would drop the new user's codes).
        var validated = CliRunner.Run("train", "--train", joined, "--assignment", extended, "--dim", "8", "--epochs", "1", "--eval-every", "1", "--val-fraction", "0.3", "--out", tmp["m1"]);
        Assert.True(validated.Code == 0, validated.Err);
        Assert.Contains("extended by 'baco assign'; its rows are kept as they are", validated.Err, StringComparison.Ordinal);
        Assert.Contains("give --val with interactions it never saw", validated.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("baco compress --val-fraction", validated.Err, StringComparison.Ordinal);

        // A user the assignment has no code for is named, with the way to give it one.
        var unknown = CliRunner.Run("train", "--train", tmp.File("more.tsv", File.ReadAllText(joined) + "30\t2\n"), "--assignment", extended, "--dim", "8", "--epochs", "1", "--val-fraction", "0", "--out", tmp["m2"]);
        Assert.Equal(2, unknown.Code);
        Assert.Contains("1 user of the data is not in it (e.g. '30')", unknown.Err, StringComparison.Ordinal);
        Assert.Contains("'baco assign'", unknown.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(tmp["m2"]));
    }

    [Fact]
    public void HashingMethodsHashTheNewDenseIdAsTheirBuildDoes()
    {
        var graph = TestGraphs.FromEdges(7, 5, (0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 0), (6, 1));
        var random = new RandomHashing().Build(graph, 6, 0);
        var assigner = new IncrementalAssigner(random, 0);
        Assert.Equal([7 % random.Users.RowCount], assigner.PlaceUser(7, [1]).Codes);

        // UniversalHashing hashes each dense id on its own: a new id gets what a larger id space would give it.
        var hashed = new UniversalHashing().Build(graph, 6, 3);
        var bigger = new UniversalHashing().Build(TestGraphs.FromEdges(8, 5, (0, 0)), 6, 3);
        Assert.Equal(hashed.Users.RowCount, bigger.Users.RowCount);
        Assert.Equal(bigger.Users.CodesOf(7).ToArray(), new IncrementalAssigner(hashed, 3).PlaceUser(7, []).Codes);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void MethodsThatCannotBeExtendedFaithfullyAreRefused()
    {
        var graph = TestGraphs.FromEdges(4, 4, (0, 0), (1, 1), (2, 2), (3, 3));
        var lsh = new LshHashing().Build(graph, 4, 0);
        var e = Assert.Throws<UnusableDataException>(() => new IncrementalAssigner(lsh, 0));
        Assert.Contains("lsh", e.Message);
        Assert.Throws<UnusableDataException>(() => new IncrementalAssigner(CodebookAssignment.Full(4, 4), 0));
        var old = new CodebookAssignment("graphhash", SideAssignment.Identity(2), SideAssignment.Identity(2));
        Assert.Contains("compress again", Assert.Throws<UnusableDataException>(() => new IncrementalAssigner(old, 0)).Message);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void BadInputIsOneLineWithExitCodeTwo()
    {
        using var tmp = new TempDirectory();
        string dir = Compress(tmp, "--gamma", "0.1");
        string known = tmp.File("known.tsv", "a1\tx1\nb0\ty3\n");
        string fresh = tmp.File("new.tsv", NewInteractions);
        string notAssignment = Directory.CreateDirectory(tmp["plain"]).FullName;
        string[][] cases =
        [
            ["assign", "--assignment", dir, "--interactions", known, "--out", tmp["o1"]],
            ["assign", "--assignment", notAssignment, "--interactions", fresh, "--out", tmp["o2"]],
            ["assign", "--assignment", dir, "--interactions", fresh, "--out", tmp["o3"], "--gamma", "1"],
            ["assign", "--assignment", dir, "--interactions", fresh],
            ["assign", "--assignment", Path.Combine(dir, "summary.json"), "--interactions", fresh, "--out", tmp["o4"]],
            ["assign", "--assignment", dir, "--interactions", fresh, "--out", Path.Combine(dir, "extended")], // inside the input
            ["assign", "--assignment", dir, "--interactions", fresh, "--out", dir], // the input itself
        ];
        foreach (var args in cases)
        {
            var (code, _, err) = CliRunner.Run(args);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}: {err}");
            string[] errors = [.. err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("baco: error", StringComparison.Ordinal))];
            Assert.Single(errors);
            Assert.DoesNotContain("Exception", err);
        }

        Assert.Contains("nothing to assign", CliRunner.Run(cases[0]).Err);
        Assert.Contains("'--out'", CliRunner.Run(cases[^1]).Err);
        Assert.Contains("is inside an input directory of this run", CliRunner.Run(cases[^2]).Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "extended")));
        Assert.True(AssignmentStore.Load(dir).Assignment.Users.EntityCount == 8, "the assignment given as --out was touched");
        Assert.False(Directory.Exists(tmp["o1"]));
    }

    /// <summary>
    /// Integer ids leave user 2 inside the range with no line: it is clustered onto the cold row.
    /// A file of its interactions is not new to the assignment, and the refusal says why it cannot
    /// be placed rather than only that there is nothing to do.
    /// </summary>
    [Trait("Category", "Fault")]
    [Fact]
    public void AFileOfKnownIdsOnTheColdRowIsRefusedNamingThem()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.csv", "0,0\n0,1\n1,1\n1,2\n3,2\n3,3\n4,0\n4,3\n");
        string dir = tmp["a"];
        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--gamma", "1", "--out", dir);
        Assert.True(code == 0, err);
        var assignment = AssignmentStore.Load(dir).Assignment;
        Assert.True(assignment.UserColdRow >= 0, "no cold row");
        Assert.Equal([assignment.UserColdRow], assignment.Users.CodesOf(2).ToArray());

        string late = tmp.File("late.csv", "2,0\n2,3\n");
        var (rc, _, refused) = CliRunner.Run("assign", "--assignment", dir, "--interactions", late, "--out", tmp["o"]);
        Assert.Equal(2, rc);
        Assert.Contains("nothing to assign (1 of them, e.g. user '2', sits on the cold row", refused, StringComparison.Ordinal);
        Assert.False(Directory.Exists(tmp["o"]));

        // Known ids with rows of their own get the plain refusal.
        var (knownRc, _, known) = CliRunner.Run("assign", "--assignment", dir, "--interactions", tmp.File("known.csv", "0,2\n"), "--out", tmp["o"]);
        Assert.Equal(2, knownRc);
        Assert.EndsWith("there is nothing to assign", known.Trim(), StringComparison.Ordinal);
    }
}
