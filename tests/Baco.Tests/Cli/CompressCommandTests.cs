using System.Text.Json.Nodes;
using Baco.Assignment;

namespace Baco.Tests.Cli;

public class CompressCommandTests
{
    [Fact]
    public void WritesAReadableDirectoryWithConsistentSummary()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = Path.Combine(tmp.Path, "out");
        var (code, stdout, stderr) = CliRunner.Run("compress", "--train", train, "--gamma", "0.5", "--dim", "8", "--out", outDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("user rows", stdout);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!.AsObject();
        foreach (string field in new[] { "method", "users", "items", "interactions", "user_rows", "item_rows", "extra_indices", "params", "full_params", "ratio", "gamma", "seconds" })
        {
            Assert.True(summary.ContainsKey(field), $"summary.json lacks '{field}'");
        }

        Assert.Equal("baco", (string)summary["method"]!);
        Assert.Equal(40, (int)summary["users"]!);
        Assert.Equal(241, (long)summary["interactions"]!);
        long userRows = (long)summary["user_rows"]!, itemRows = (long)summary["item_rows"]!, extra = (long)summary["extra_indices"]!;
        Assert.Equal(((userRows + itemRows) * 8) + extra, (long)summary["params"]!);

        var loaded = AssignmentStore.Load(outDir);
        Assert.Equal(userRows, loaded.Assignment.Users.RowCount);
        Assert.Equal(extra, loaded.Assignment.ExtraIndices);
        Assert.Equal("u0", loaded.Users.NameOf(0));
        Assert.True(loaded.Items.TryGetId("book-1-0", out _));
    }

    [Fact]
    public void SameSeedGivesTheSameBytes()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string a = Path.Combine(tmp.Path, "a"), b = Path.Combine(tmp.Path, "b");
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--budget", "0.5", "--seed", "3", "--out", a).Code);
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--budget", "0.5", "--seed", "3", "--out", b).Code);
        foreach (string name in new[] { "user_codes.npy", "user_offsets.npy", "item_codes.npy", "item_offsets.npy" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, name)), File.ReadAllBytes(Path.Combine(b, name)));
        }
    }

    [Fact]
    public void JsonFlagPrintsTheSummary()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var (code, stdout, _) = CliRunner.Run("compress", "--train", train, "--budget-rows", "30", "--dim", "8", "--json", "--out", Path.Combine(tmp.Path, "o"));
        Assert.Equal(0, code);
        var json = JsonNode.Parse(stdout)!;
        Assert.True((long)json["params"]! <= 30 * 8);
    }

    [Fact]
    public void MalformedFileIsExitCodeTwoWithFileAndLine()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("bad.csv", "user,item\n0,1\n1,2\n7\n");
        var (code, _, stderr) = CliRunner.Run("compress", "--train", train, "--out", Path.Combine(tmp.Path, "o"));
        Assert.Equal(2, code);
        Assert.Contains("bad.csv:4:", stderr);
        Assert.Contains("missing column", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void MissingFileIsExitCodeTwo()
    {
        using var tmp = new TempDirectory();
        var (code, _, stderr) = CliRunner.Run("compress", "--train", Path.Combine(tmp.Path, "nope.tsv"), "--out", Path.Combine(tmp.Path, "o"));
        Assert.Equal(2, code);
        Assert.Contains("nope.tsv", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("--gamma", "1", "--budget", "0.2")]
    [InlineData("--budget", "1.5")]
    [InlineData("--gamma", "-2")]
    [InlineData("--dim", "0")]
    [InlineData("--method", "kmeans-magic")]
    [InlineData("--user-weights", "pagerank")]
    [InlineData("--val-fraction", "1")]
    [InlineData("--val-fraction", "-0.1")]
    [InlineData("--no-such-option")]
    public void BadOptionsAreExitCodeTwo(params string[] extra)
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var (code, _, stderr) = CliRunner.Run(["compress", "--train", train, "--out", Path.Combine(tmp.Path, "o"), .. extra]);
        Assert.Equal(2, code);
        Assert.StartsWith("baco: error:", stderr.TrimStart());
        Assert.False(Directory.Exists(Path.Combine(tmp.Path, "o")));
    }

    [Theory]
    [InlineData("--rehome-above", "--no-secondary", "--rehome-above", "0.1")]
    [InlineData("--rehome-users-after-items", "--rehome-items-above", "0", "--rehome-users-after-items")]
    [InlineData("--rehome-users-after-items", "--no-secondary", "--rehome-users-after-items")]
    public void ARehomingAskedForThatCannotActIsRefused(string named, params string[] extra)
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var (code, _, stderr) = CliRunner.Run(["compress", "--train", train, "--gamma", "0.5", "--out", Path.Combine(tmp.Path, "o"), .. extra]);
        Assert.Equal(2, code);
        Assert.StartsWith($"baco: error: '{named}'", stderr.TrimStart());
        Assert.False(Directory.Exists(Path.Combine(tmp.Path, "o")));
    }

    [Theory]
    [InlineData("--no-secondary")]
    [InlineData("--rehome-items-above", "0")]
    [InlineData("--rehome-above", "0", "--rehome-items-above", "0")]
    public void TheDefaultRehomingGivesWayToAnOptionThatSwitchesItsBasisOff(params string[] extra)
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var (code, _, stderr) = CliRunner.Run(["compress", "--train", train, "--gamma", "0.5", "--out", Path.Combine(tmp.Path, "o"), .. extra]);
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void RefusesAHoldOutWhenAValidationFileIsGiven()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var (code, _, stderr) = CliRunner.Run("compress", "--train", train, "--val", train, "--gamma", "0.5",
            "--val-fraction", "0.1", "--out", Path.Combine(tmp.Path, "a"));
        Assert.Equal(2, code);
        Assert.Contains("--val-fraction", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(Path.Combine(tmp.Path, "a")));
    }

    [Fact]
    public void RefusesToReplaceADirectoryItDidNotWrite()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string precious = Path.Combine(tmp.Path, "precious");
        Directory.CreateDirectory(precious);
        File.WriteAllText(Path.Combine(precious, "notes.txt"), "keep me");
        var (code, _, stderr) = CliRunner.Run("compress", "--train", train, "--out", precious);
        Assert.Equal(2, code);
        Assert.Contains("refusing", stderr);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(precious, "notes.txt")));
    }

    [Fact]
    public void ReplacesItsOwnEarlierOutput()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = Path.Combine(tmp.Path, "o");
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--gamma", "0.5", "--out", outDir).Code);
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--gamma", "5", "--out", outDir).Code);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!;
        Assert.Equal(5.0, (double)summary["gamma"]!);
    }

    [Fact]
    public void BuiltInDataNeedsNoInput()
    {
        using var tmp = new TempDirectory();
        var (code, _, stderr) = CliRunner.Run("compress", "--budget", "0.25", "--out", Path.Combine(tmp.Path, "o"));
        Assert.True(code == 0, stderr);
        Assert.Contains("built-in synthetic data", stderr);
    }
}
