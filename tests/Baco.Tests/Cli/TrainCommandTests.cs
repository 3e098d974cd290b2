using System.Text.Json.Nodes;

namespace Baco.Tests.Cli;

public class TrainCommandTests
{
    private static (string Train, string Test) Files(TempDirectory tmp)
    {
        string all = CliRunner.SmallEdges();
        var lines = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Every 5th interaction to test, the rest (with the header) to train.
        var train = new List<string> { lines[0] };
        var test = new List<string> { lines[0] };
        for (int k = 1; k < lines.Length; k++)
        {
            (k % 5 == 0 ? test : train).Add(lines[k]);
        }

        return (tmp.File("train.tsv", string.Join('\n', train) + "\n"), tmp.File("test.tsv", string.Join('\n', test) + "\n"));
    }

    [Fact]
    public void TrainsSavesMetricsAndRecommendsInOriginalIds()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string model = Path.Combine(tmp.Path, "model");
        var (code, stdout, stderr) = CliRunner.Run("train", "--train", train, "--test", test, "--method", "baco", "--gamma", "0.5",
            "--model", "mf", "--dim", "8", "--epochs", "3", "--eval-every", "1", "--out", model);
        Assert.True(code == 0, stderr);
        Assert.Contains("Recall", stdout);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "metrics.json")))!;
        Assert.Equal("baco", (string)metrics["method"]!);
        Assert.InRange((double)metrics["test"]!["recall@20"]!, 0, 1);
        Assert.True((long)metrics["params"]! < (long)metrics["full_params"]!);

        var (rc, recOut, recErr) = CliRunner.Run("recommend", "--model", model, "--user", "u3", "-k", "4");
        Assert.True(rc == 0, recErr);
        Assert.Contains("book-", recOut);
    }

    [Fact]
    public void WithoutTestTheRunReportsValidationOnlyAndItsModelServes()
    {
        using var tmp = new TempDirectory();
        var (train, _) = Files(tmp);
        string model = Path.Combine(tmp.Path, "model");
        var (code, stdout, stderr) = CliRunner.Run("train", "--train", train, "--method", "baco", "--gamma", "0.5",
            "--model", "mf", "--dim", "8", "--epochs", "2", "--eval-every", "1", "--out", model);
        Assert.True(code == 0, stderr);
        Assert.Contains("validation metrics (no --test given)", stdout);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "metrics.json")))!;
        Assert.Null(metrics["test"]);
        Assert.InRange((double)metrics["validation"]!["recall@20"]!, 0, 1);
        Assert.Equal(0, CliRunner.Run("recommend", "--model", model, "--user", "u3", "-k", "4").Code);

        // No test and no validation: the model is still trained and saved, and the run says it was not evaluated.
        string unevaluated = Path.Combine(tmp.Path, "unevaluated");
        var quiet = CliRunner.Run("train", "--train", train, "--method", "full", "--model", "mf", "--dim", "4", "--epochs", "1", "--eval-every", "0", "--out", unevaluated);
        Assert.True(quiet.Code == 0, quiet.Err);
        Assert.Contains("not evaluated", quiet.Out);
        var bare = JsonNode.Parse(File.ReadAllText(Path.Combine(unevaluated, "metrics.json")))!;
        Assert.Null(bare["test"]);
        Assert.Null(bare["validation"]);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void ARunShorterThanTheDefaultValidationIntervalSaysThatNoValidationRuns()
    {
        // Its hold-out is taken from training and never used: said, with the two ways out.
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string model = tmp["model"];
        var (code, _, err) = CliRunner.Run("train", "--train", train, "--test", test, "--method", "full", "--model", "mf", "--dim", "4", "--epochs", "3", "--out", model);
        Assert.True(code == 0, err);
        Assert.Contains("note: no validation runs: --epochs 3 is below --eval-every 10 (the default), so the 10 % hold-out is still taken from training; give --eval-every 3 to validate at the end, or --val-fraction 0 to train on every interaction.", err, StringComparison.Ordinal);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "metrics.json")))!;
        Assert.Null(metrics["validation"]);

        // MF has no propagation layers: metrics.json says so, as config.json does.
        Assert.Equal(0, (int)metrics["layers"]!);
        Assert.Equal(0, (int)JsonNode.Parse(File.ReadAllText(Path.Combine(model, "config.json")))!["layers"]!);

        // Validating, or holding nothing out, says nothing.
        foreach (var extra in new[] { new[] { "--eval-every", "3" }, ["--val-fraction", "0"] })
        {
            var quiet = CliRunner.Run([.. new[] { "train", "--train", train, "--method", "full", "--model", "mf", "--dim", "4", "--epochs", "3", "--out", tmp[$"m{extra[0]}"] }, .. extra]);
            Assert.True(quiet.Code == 0, quiet.Err);
            Assert.DoesNotContain("no validation runs", quiet.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IdsNumberedFromOneNeverRecommendTheIdZeroNoFileHolds()
    {
        // Integer ids are kept as written, so user 0 and item 0 exist without interactions; item 9
        // is only in the test file. Neither is ever recommended, and user 0 is refused.
        using var tmp = new TempDirectory();
        var lines = new List<string>();
        for (int u = 1; u <= 8; u++)
        {
            for (int i = 1; i <= 8; i++)
            {
                if ((u + i) % 3 != 0)
                {
                    lines.Add($"{u},{i}");
                }
            }
        }

        string train = tmp.File("train.csv", string.Join('\n', lines) + "\n");
        string test = tmp.File("test.csv", "1,3\n2,4\n3,9\n");
        string model = tmp["model"];
        var trained = CliRunner.Run("train", "--train", train, "--test", test, "--gamma", "0.5", "--model", "mf", "--dim", "4", "--epochs", "2", "--out", model);
        Assert.True(trained.Code == 0, trained.Err);
        for (int u = 1; u <= 8; u++)
        {
            var (code, stdout, err) = CliRunner.Run("recommend", "--model", model, "--user", $"{u}", "-k", "10");
            Assert.True(code == 0, err);
            var items = stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 3 && int.TryParse(f[0], out _)).Select(f => f[1]).ToList();
            Assert.NotEmpty(items);
            Assert.DoesNotContain("0", items);
            Assert.DoesNotContain("9", items);
            Assert.All(items, i => Assert.DoesNotContain($"{u},{i}", lines));
        }

        var phantom = CliRunner.Run("recommend", "--model", model, "--user", "0");
        Assert.Equal(2, phantom.Code);
        Assert.Contains("'0' has no training interactions", phantom.Err);
        var folded = CliRunner.Run("recommend", "--model", model, "--items", "1,2", "-k", "10");
        Assert.True(folded.Code == 0, folded.Err);
        Assert.DoesNotContain(" 0 ", folded.Out);

        // Nor are they items to fold a new user in from; a user id is trimmed as --items are.
        foreach (string untrained in new[] { "0", "9" })
        {
            var refused = CliRunner.Run("recommend", "--model", model, "--items", $"1,{untrained}");
            Assert.Equal(2, refused.Code);
            Assert.Contains($"'--items': '{untrained}' has no training interactions in this model", refused.Err, StringComparison.Ordinal);
        }

        Assert.Equal(0, CliRunner.Run("recommend", "--model", model, "--user", " 5 ").Code);
    }

    [Fact]
    public void RecommendTakesAnItemIdWithACommaInQuotes()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.csv", "user,item\na,\"Smith, J\"\na,b\nc,b\nc,d\ne,\"Smith, J\"\ne,d\n");
        string model = tmp["model"];
        var trained = CliRunner.Run("train", "--train", train, "--method", "graphhash", "--budget", "0.6", "--model", "mf", "--dim", "4", "--epochs", "1", "--val-fraction", "0", "--out", model);
        Assert.True(trained.Code == 0, trained.Err);
        var (code, stdout, err) = CliRunner.Run("recommend", "--model", model, "--items", "\"Smith, J\", d", "-k", "5");
        Assert.True(code == 0, err);
        Assert.Contains("with 2 items", stdout, StringComparison.Ordinal);
        Assert.Contains(" b ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownUserAndDamagedModelAreClearErrors()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string model = Path.Combine(tmp.Path, "model");
        Assert.Equal(0, CliRunner.Run("train", "--train", train, "--test", test, "--method", "full", "--model", "mf", "--dim", "4", "--epochs", "1", "--out", model).Code);
        var unknown = CliRunner.Run("recommend", "--model", model, "--user", "nobody");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("'nobody' is not a user", unknown.Err);

        // A damaged model directory: exit 2 and the file named, no stack trace.
        string book = Path.Combine(model, "user_codebook.npy");
        File.WriteAllBytes(book, [1, 2, 3]);
        var damaged = CliRunner.Run("recommend", "--model", model, "--user", "u3");
        Assert.Equal(2, damaged.Code);
        Assert.Contains("user_codebook.npy", damaged.Err);
        Assert.DoesNotContain("   at ", damaged.Err);
    }

    [Fact]
    public void AnAssignmentForAnotherDataSetIsRejected()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string other = tmp.File("other.tsv", "a\tx\nb\ty\n");
        string assignment = Path.Combine(tmp.Path, "a");
        Assert.Equal(0, CliRunner.Run("compress", "--train", other, "--gamma", "1", "--out", assignment).Code);
        var (code, _, stderr) = CliRunner.Run("train", "--train", train, "--test", test, "--assignment", assignment, "--epochs", "1", "--out", Path.Combine(tmp.Path, "m"));
        Assert.Equal(2, code);
        Assert.Contains("made for another data set", stderr);
    }

    [Fact]
    public void AStoredAssignmentIsUsedAsIs()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string assignment = Path.Combine(tmp.Path, "a");
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--test", test, "--gamma", "0.5", "--dim", "8", "--out", assignment).Code);
        string model = Path.Combine(tmp.Path, "m");
        var (code, _, stderr) = CliRunner.Run("train", "--train", train, "--test", test, "--assignment", assignment, "--model", "mf", "--dim", "8", "--epochs", "1", "--eval-every", "1", "--out", model);
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(assignment, "user_codes.npy")), File.ReadAllBytes(Path.Combine(model, "user_codes.npy")));

        // It was computed before the validation hold-out existed: the user is told so.
        Assert.Contains("this run holds out for validation", stderr);
        Assert.Contains("make it with 'baco compress --val-fraction 0.1 --seed 0'", stderr);
    }

    [Fact]
    public void AnAssignmentCompressedWithTheSameHoldOutIsTheOneTrainWouldMake()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string assignment = Path.Combine(tmp.Path, "a");
        var (cc, _, cerr) = CliRunner.Run("compress", "--train", train, "--test", test, "--gamma", "0.5", "--dim", "8",
            "--val-fraction", "0.2", "--seed", "3", "--out", assignment);
        Assert.True(cc == 0, cerr);
        var holdOut = JsonNode.Parse(File.ReadAllText(Path.Combine(assignment, "summary.json")))!["validation_holdout"]!;
        Assert.Equal(0.2, (double)holdOut["fraction"]!);
        Assert.Equal(3, (int)holdOut["seed"]!);

        string Train(string name, params string[] how)
        {
            string model = Path.Combine(tmp.Path, name);
            var (code, _, stderr) = CliRunner.Run(["train", "--train", train, "--test", test, .. how, "--model", "mf", "--dim", "8",
                "--epochs", "1", "--eval-every", "1", "--val-fraction", "0.2", "--out", model]);
            Assert.True(code == 0, stderr);
            return stderr;
        }

        // Same fraction and seed: the assignment train itself computes, and no note.
        Assert.DoesNotContain("note:", Train("stored", "--assignment", assignment, "--seed", "3"));
        Train("own", "--method", "baco", "--gamma", "0.5", "--seed", "3");

        // A model directory records its hold-out too, so reusing it as the assignment is checked the same way.
        Assert.DoesNotContain("note:", Train("from-model", "--assignment", Path.Combine(tmp.Path, "own"), "--seed", "3"));
        Assert.Contains("another validation hold-out", Train("from-model-seed-4", "--assignment", Path.Combine(tmp.Path, "own"), "--seed", "4"));
        foreach (string f in new[] { "user_codes.npy", "item_codes.npy" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp.Path, "own", f)), File.ReadAllBytes(Path.Combine(tmp.Path, "stored", f)));
        }

        // Another seed holds out other interactions, which the assignment has seen.
        Assert.Contains("another validation hold-out", Train("other", "--assignment", assignment, "--seed", "4"));
    }

    [Fact]
    [Trait("Category", "Fault")]
    public void AnAssignmentOfOtherInteractionsOverTheSameIdsIsNoted()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string assignment = Path.Combine(tmp.Path, "a");
        string[] holdOut = ["--val-fraction", "0.2", "--seed", "3"];
        Assert.Equal(0, CliRunner.Run(["compress", "--train", train, "--test", test, "--gamma", "0.5", "--dim", "8", .. holdOut, "--out", assignment]).Code);
        Assert.Matches("^[0-9a-f]{16}$", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(assignment, "summary.json")))!["interactions_hash"]!);

        string Train(string name, string file)
        {
            var (code, _, stderr) = CliRunner.Run(["train", "--train", file, "--test", test, "--assignment", assignment, "--model", "mf", "--dim", "8",
                "--epochs", "1", "--eval-every", "1", .. holdOut, "--out", Path.Combine(tmp.Path, name)]);
            Assert.True(code == 0, stderr);
            return stderr;
        }

        // A repeated line is the same set of interactions: no note.
        var lines = File.ReadAllLines(train);
        string repeated = tmp.File("repeated.tsv", string.Join('\n', [.. lines, lines[1]]) + "\n");
        Assert.DoesNotContain("note:", Train("same", repeated));

        // One more pair of known ids at the end keeps every id's number but changes the interactions.
        string[] first = lines[1].Split('\t'), last = lines[^2].Split('\t');
        string pair = $"{first[0]}\t{last[1]}\t";
        Assert.DoesNotContain(lines, l => l.StartsWith(pair, StringComparison.Ordinal));
        string grown = tmp.File("grown.tsv", string.Join('\n', [.. lines, pair + "5"]) + "\n");
        string note = Train("grown", grown);
        Assert.Contains("was computed from other interactions", note);
        Assert.Contains("compress these data", note);

        // Computed from every interaction of the first file, used on the grown one by a run that
        // holds out 20 %: other data, said as such. Before, only "it saw this run's validation
        // interactions" was noted, which is not what happened.
        string whole = tmp["whole"];
        Assert.Equal(0, CliRunner.Run(["compress", "--train", train, "--test", test, "--gamma", "0.5", "--dim", "8", "--out", whole]).Code);
        var (code, _, other) = CliRunner.Run(["train", "--train", grown, "--test", test, "--assignment", whole, "--model", "mf", "--dim", "8",
            "--epochs", "1", "--eval-every", "1", .. holdOut, "--out", tmp["whole-grown"]]);
        Assert.True(code == 0, other);
        Assert.Contains("was computed from other interactions", other);
        Assert.DoesNotContain("including the", other);

        // On its own file the same run is told about the hold-out, and only that.
        (code, _, other) = CliRunner.Run(["train", "--train", train, "--test", test, "--assignment", whole, "--model", "mf", "--dim", "8",
            "--epochs", "1", "--eval-every", "1", .. holdOut, "--out", tmp["whole-same"]]);
        Assert.True(code == 0, other);
        Assert.Contains("including the 20 % this run holds out", other);
        Assert.DoesNotContain("other interactions", other);

        // The first assignment (a 20 % hold-out) in a run given a validation file: the same data,
        // seen less; the run's own --val is not the assignment's hold-out.
        (code, _, other) = CliRunner.Run(["train", "--train", train, "--val", test, "--assignment", assignment, "--model", "mf", "--dim", "8",
            "--epochs", "1", "--eval-every", "1", "--out", tmp["given-val"]]);
        Assert.True(code == 0, other);
        Assert.Contains("was computed without 20 % of the training interactions", other);
        Assert.DoesNotContain("other interactions", other);
    }

    [Fact]
    public void AnAssignmentSizedAtAnotherDimensionIsNoted()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string assignment = tmp["a"];
        string[] holdOut = ["--val-fraction", "0.2", "--seed", "3"];
        Assert.Equal(0, CliRunner.Run(["compress", "--train", train, "--test", test, "--gamma", "0.5", "--dim", "64", .. holdOut, "--out", assignment]).Code);
        string Train(string dim)
        {
            var (code, _, stderr) = CliRunner.Run(["train", "--train", train, "--test", test, "--assignment", assignment, "--model", "mf", "--dim", dim,
                "--epochs", "1", "--eval-every", "1", .. holdOut, "--out", tmp["m" + dim]]);
            Assert.True(code == 0, stderr);
            return stderr;
        }

        Assert.Contains("was sized at dimension 64", Train("8"));
        Assert.DoesNotContain("note:", Train("64"));
    }

    [Fact]
    public void CompressionNeverSeesTheValidationHoldOut()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        int trainLines = File.ReadAllLines(train).Length - 1;
        long Compressed(params string[] extra)
        {
            string model = Path.Combine(tmp.Path, "m" + string.Concat(extra));
            var (code, _, stderr) = CliRunner.Run(["train", "--train", train, "--test", test, "--method", "baco", "--gamma", "0.5",
                "--model", "mf", "--dim", "8", "--epochs", "1", .. extra, "--out", model]);
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain("held out for validation", stderr);
            return (long)JsonNode.Parse(File.ReadAllText(Path.Combine(model, "summary.json")))!["interactions"]!;
        }

        Assert.InRange(Compressed("--val-fraction", "0.2"), 1, (trainLines * 0.85) + 1);
        Assert.Equal(trainLines, Compressed("--eval-every", "0"));
    }
    [Fact]
    public void InitOptionChangesTheStartingPointAndRejectsUnknownNames()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string Run(string init)
        {
            string model = Path.Combine(tmp.Path, init);
            var (code, _, stderr) = CliRunner.Run("train", "--train", train, "--test", test, "--method", "full", "--model", "mf", "--dim", "8",
                "--epochs", "1", "--lr", "1e-6", "--init", init, "--out", model);
            Assert.True(code == 0, stderr);
            return Path.Combine(model, "user_codebook.npy");
        }

        // With a negligible learning rate the saved values are the initial ones: Xavier-uniform
        // stays inside sqrt(6 / (rows + dim)) = sqrt(6 / 48) for 40 users, N(0, 0.1^2) draws are not all that small.
        float MaxAbs(string npy)
        {
            var bytes = File.ReadAllBytes(npy);
            int header = 10 + BitConverter.ToUInt16(bytes, 8);
            float max = 0;
            for (int k = header; k + 4 <= bytes.Length; k += 4)
            {
                max = Math.Max(max, Math.Abs(BitConverter.ToSingle(bytes, k)));
            }

            return max;
        }

        float xavier = MaxAbs(Run("xavier"));
        float normal = MaxAbs(Run("normal"));
        Assert.InRange(xavier, 0.05f, MathF.Sqrt(6f / 48f) + 1e-4f);
        Assert.NotEqual(xavier, normal);

        var bad = CliRunner.Run("train", "--train", train, "--test", test, "--init", "zeros", "--out", Path.Combine(tmp.Path, "bad"));
        Assert.Equal(2, bad.Code);
        Assert.Contains("'--init': 'zeros' is not one of normal, xavier", bad.Err);
    }
}
