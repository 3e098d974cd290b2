using System.Text.Json.Nodes;

namespace Baco.Tests.Cli;

/// <summary>train and bench with checkpoints, unusable data and a diverging run: exit codes, messages, what is kept.</summary>
public sealed class TrainingTrustTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private readonly string _train;
    private readonly string _test;

    public TrainingTrustTests()
    {
        _train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        _test = _tmp.File("test.tsv", "user\titem\nu1\tbook-1-3\nu2\tbook-0-9\nu5\tbook-1-2\n");
    }

    public void Dispose() => _tmp.Dispose();

    private (int Code, string Out, string Err) Train(string outDir, params string[] extra)
        => TrainFor(2, outDir, extra);

    private (int Code, string Out, string Err) TrainFor(int epochs, string outDir, params string[] extra)
        => CliRunner.Run(["train", "--train", _train, "--test", _test, "--method", "full", "--model", "mf", "--dim", "4", "--epochs", $"{epochs}", "--eval-every", "1", .. extra, "--out", outDir]);

    [Trait("Category", "Fault")]
    [Fact]
    public void ADirectoryCheckpointFailsBeforeAnyWork()
    {
        string ck = Directory.CreateDirectory(_tmp["ck"]).FullName;
        string outDir = _tmp["m"];
        var (code, _, err) = Train(outDir, "--checkpoint", ck);
        Assert.Equal(2, code);
        Assert.Contains($"{ck}: is a directory", err);
        Assert.DoesNotContain("reading", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ARerunResumesAndSaysSo()
    {
        string ck = _tmp["ck.bin"];
        var first = Train(_tmp["a"], "--checkpoint", ck);
        Assert.True(first.Code == 0, first.Err);
        Assert.DoesNotContain("resuming", first.Err);

        var again = TrainFor(3, _tmp["b"], "--checkpoint", ck);
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains($"resuming from epoch 2 of {ck}", again.Err);
        Assert.DoesNotContain("epoch 1 loss", again.Err);
        Assert.Contains("epoch 3 loss", again.Err);

        // Another learning rate: exit 2, naming the setting.
        var other = Train(_tmp["c"], "--checkpoint", ck, "--lr", "0.002");
        Assert.Equal(2, other.Code);
        Assert.Contains("learning rate 0.001 there, 0.002 here", other.Err);
        Assert.False(Directory.Exists(_tmp["c"]));
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void AUserWithEveryItemIsRefusedInTheirOwnId()
    {
        string train = _tmp.File("all.tsv", "user\titem\nann\tx\nann\ty\nbea\tx\n");
        string test = _tmp.File("t.tsv", "user\titem\nbea\ty\n");
        var (code, _, err) = CliRunner.Run("train", "--train", train, "--test", test, "--epochs", "1", "--out", _tmp["m"]);
        Assert.Equal(2, code);
        Assert.Contains("user 'ann' interacted with all 2 items", err);
        Assert.DoesNotContain("internal error", err);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void ADivergingRunStopsKeepsTheBestModelAndExitsTwo()
    {
        string outDir = _tmp["m"];

        // One step per epoch: epoch 1 is validated, epoch 2's loss overflows.
        var (code, _, err) = TrainFor(5, outDir, "--lr", "1e30", "--batch", "100000");
        Assert.Equal(2, code);
        Assert.Contains("training diverged in epoch 2", err);
        Assert.Contains("(options --lr, --reg, --weight-decay, --init-std)", err);
        Assert.Contains($"epoch 1) was saved to {outDir}", err);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")))!;
        Assert.Equal(2, (int)metrics["diverged_in_epoch"]!);
        Assert.Equal(1, (int)metrics["best_epoch"]!);

        // Diverging before any validation: nothing to keep, nothing written.
        string none = _tmp["none"];
        var early = Train(none, "--lr", "1e30", "--reg", "1e30", "--batch", "16");
        Assert.Equal(2, early.Code);
        Assert.Contains("training diverged in epoch 1", early.Err);
        Assert.DoesNotContain("NaN", early.Out);
        Assert.False(Directory.Exists(none));
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void RecommendRefusesANonFiniteModel()
    {
        string outDir = _tmp["m"];
        Assert.Equal(0, Train(outDir).Code);
        string book = Path.Combine(outDir, "item_codebook.npy");
        var matrix = Baco.IO.NpyFile.ReadFloat32Matrix(book);
        matrix.Data[3] = float.NaN;
        Baco.IO.NpyFile.WriteFloat32Matrix(book, matrix.Data, matrix.Rows, matrix.Columns);
        var (code, stdout, err) = CliRunner.Run("recommend", "--model", outDir, "--user", "u3");
        Assert.Equal(2, code);
        Assert.Contains($"{book}: row 0, column 3 is NaN", err);
        Assert.Equal(string.Empty, stdout);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void BenchCheckpointsEachMethodInItsOwnFileAndResumes()
    {
        string ck = _tmp["ck.bin"];
        string[] Bench(string outDir, string epochs) => ["bench", "--train", _train, "--test", _test, "--methods", "full,random", "--budget", "0.5",
            "--model", "mf", "--dim", "4", "--epochs", epochs, "--eval-every", "1", "--checkpoint", ck, "--out", outDir];

        var first = CliRunner.Run(Bench(_tmp["b1"], "2"));
        Assert.True(first.Code == 0, first.Err);
        var rows = JsonNode.Parse(File.ReadAllText(Path.Combine(_tmp["b1"], "results.json")))!["methods"]!.AsArray();
        Assert.All(rows, r => Assert.True((bool)r!["ok"]!, r!.ToJsonString()));
        Assert.True(File.Exists(ck + ".full"));
        Assert.True(File.Exists(ck + ".random"));
        Assert.False(File.Exists(ck));

        // Both methods continue from their own checkpoints.
        var again = CliRunner.Run(Bench(_tmp["b2"], "3"));
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains($"[1/2 full] resuming from epoch 2 of {ck}.full", again.Err);
        Assert.Contains($"[2/2 random] resuming from epoch 2 of {ck}.random", again.Err);
        rows = JsonNode.Parse(File.ReadAllText(Path.Combine(_tmp["b2"], "results.json")))!["methods"]!.AsArray();
        Assert.All(rows, r => Assert.True((bool)r!["ok"]!, r!.ToJsonString()));

        // Other settings: the whole comparison stops (exit 2), naming the first method's file, rather than failing every row.
        var other = CliRunner.Run([.. Bench(_tmp["b3"], "3"), "--lr", "0.01"]);
        Assert.Equal(2, other.Code);
        Assert.Contains($"{ck}.full: written by a run with other settings or data (learning rate 0.001 there, 0.01 here)", other.Err);
        Assert.False(Directory.Exists(_tmp["b3"]));
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void TrainRefusesACheckpointOfOtherSettingsBeforeCompressing()
    {
        string ck = _tmp["ck.bin"];
        string[] Train(string outDir) => ["train", "--train", _train, "--method", "random", "--budget", "0.5",
            "--model", "mf", "--dim", "4", "--epochs", "2", "--eval-every", "1", "--checkpoint", ck, "--out", outDir];
        var first = CliRunner.Run(Train(_tmp["m1"]));
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("random: knob", first.Err);

        var other = CliRunner.Run([.. Train(_tmp["m2"]), "--lr", "0.01"]);
        Assert.Equal(2, other.Code);
        Assert.Contains($"{ck}: written by a run with other settings or data (learning rate 0.001 there, 0.01 here)", other.Err);
        Assert.DoesNotContain("random: knob", other.Err);
        Assert.False(Directory.Exists(_tmp["m2"]));
    }

    [Fact]
    public void BenchHelpDescribesTheCheckpointPerMethod()
    {
        var (code, stdout, _) = CliRunner.Run("bench", "--help");
        Assert.Equal(0, code);
        Assert.Contains("FILE.METHOD", stdout);
    }
}
