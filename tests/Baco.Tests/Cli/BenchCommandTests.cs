using System.Text.Json.Nodes;

namespace Baco.Tests.Cli;

public class BenchCommandTests
{
    [Trait("Category", "Fault")]
    [Fact]
    public void WritesReportResultsAndPlotsAndKeepsGoingPastAFailure()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string test = tmp.File("test.tsv", "user\titem\nu1\tbook-1-3\nu2\tbook-0-9\n");
        string outDir = Path.Combine(tmp.Path, "bench");
        // One row's worth of parameters cannot hold the users: baco fails, full still runs.
        var (code, stdout, stderr) = CliRunner.Run("bench", "--train", train, "--test", test, "--methods", "baco,full", "--budget-rows", "1",
            "--model", "mf", "--dim", "4", "--epochs", "1", "--eval-every", "0", "--out", outDir);
        Assert.True(code == 2, stderr); // a method failed on bad input (its budget): exit 2, not 1 (a defect), and the table is written
        Assert.Contains("failed", stdout);
        foreach (string f in new[] { "report.md", "results.json", "recall_vs_ratio.png", "cluster_sizes.png" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        }

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")))!["methods"]!.AsArray();
        Assert.Equal(["baco", "full"], results.Select(r => (string)r!["method"]!));
        Assert.False((bool)results[0]!["ok"]!);
        Assert.Contains("budget", (string)results[0]!["error"]!);
        Assert.True((bool)results[1]!["ok"]!);
        Assert.Contains("| full |", File.ReadAllText(Path.Combine(outDir, "report.md")));
        byte[] png = File.ReadAllBytes(Path.Combine(outDir, "recall_vs_ratio.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void ABudgetAtLeastTheFullTableIsNoted()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string test = tmp.File("test.tsv", "user\titem\nu1\tbook-1-3\nu2\tbook-0-9\n");
        var (code, _, stderr) = CliRunner.Run("bench", "--train", train, "--test", test, "--methods", "full,random", "--budget-rows", "1000",
            "--model", "mf", "--dim", "4", "--epochs", "1", "--eval-every", "0", "--out", tmp["bench"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("full: the full table, every entity its own row", stderr, StringComparison.Ordinal);
        Assert.Contains("random: compressing (budget 1000 rows); note: the budget (budget 1000 rows) is at least the full table", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownMethodFailsBeforeAnyWork()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var (code, _, stderr) = CliRunner.Run("bench", "--train", train, "--test", train, "--methods", "baco,magic", "--out", Path.Combine(tmp.Path, "b"));
        Assert.Equal(2, code);
        Assert.Contains("'--methods': 'magic' is not a method", stderr);
    }
}
