using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Codebooks;
using Baco.IO;
using Baco.Models;
using Baco.Tests.TestSupport;
using Baco.Training;
using static Baco.Tests.Assignment.StableRowsData;

namespace Baco.Tests.Training;

public class WarmStartTests
{
    private static string[] Train(string train, string test, string output, params string[] extra)
        => ["train", "--train", train, "--test", test, "--model", "mf", "--dim", "8", "--seed", "1", .. extra, "--out", output];

    private static float[] Row(NpyMatrix book, int row) => book.Data.AsSpan(row * book.Columns, book.Columns).ToArray();

    private static NpyMatrix Book(string dir, string side) => NpyFile.ReadFloat32Matrix(Path.Combine(dir, side + "_codebook.npy"));

    /// <summary>A model trained on the training file, and a re-clustering of the changed file numbered against it, with more rows.</summary>
    private static (string Changed, string Test, string Model, string Assignment) Setup(TempDirectory tmp)
    {
        var (train, changed, test) = Files(tmp);
        Ok(Train(train, test, tmp["m"], "--method", "baco", "--gamma", "0.5", "--epochs", "2", "--eval-every", "1"));
        Ok("compress", "--train", changed, "--test", test, "--gamma", "2", "--dim", "8", "--previous", tmp["m"], "--out", tmp["a2"]);
        return (changed, test, tmp["m"], tmp["a2"]);
    }

    [Fact]
    public void MatchedRowsStartBitEqualToTheModelsAndUnmatchedRowsAtTheirFreshInitialisation()
    {
        using var tmp = new TempDirectory();
        var (changed, test, model, assignment) = Setup(tmp);
        Ok(Train(changed, test, tmp["warm"], "--assignment", assignment, "--warm-start", model, "--epochs", "0"));
        Ok(Train(changed, test, tmp["fresh"], "--assignment", assignment, "--epochs", "0"));
        var map = AssignmentStore.Load(assignment).Assignment.PreviousRows!;
        int copied = 0, fresh = 0;
        foreach (var (side, rows) in new[] { ("user", map.UserRows), ("item", map.ItemRows) })
        {
            NpyMatrix warm = Book(tmp["warm"], side), start = Book(tmp["fresh"], side), trained = Book(model, side);
            for (int r = 0; r < rows.Length; r++)
            {
                var expected = rows[r] >= 0 ? Row(trained, rows[r]) : Row(start, r);
                Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), Row(warm, r).Select(BitConverter.SingleToInt32Bits));
                copied += rows[r] >= 0 ? 1 : 0;
                fresh += rows[r] < 0 ? 1 : 0;
            }
        }

        Assert.True(copied > 0 && fresh > 0, $"{copied} rows copied, {fresh} fresh: the case needs both");
        var warmStart = JsonNode.Parse(File.ReadAllText(Path.Combine(tmp["warm"], "metrics.json")))!["warm_start"]!;
        Assert.Equal(Path.GetFullPath(model), (string)warmStart["model"]!);
        Assert.Equal(map.Matched.Users, (int)warmStart["user_rows_copied"]!);
        Assert.Equal(map.Matched.Items, (int)warmStart["item_rows_copied"]!);
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(tmp["fresh"], "metrics.json")))!["warm_start"]);
    }

    [Fact]
    public void TheModelsOwnAssignmentStartsFromEveryTrainedRowAndTrainingWithoutOneNumbersItsCompressionAgainstTheModel()
    {
        using var tmp = new TempDirectory();
        var (train, changed, test) = Files(tmp);
        Ok(Train(train, test, tmp["m"], "--method", "baco", "--gamma", "0.5", "--epochs", "2", "--eval-every", "1"));

        // The model's own assignment: every row is its own, no row map needed.
        Ok(Train(train, test, tmp["same"], "--assignment", tmp["m"], "--warm-start", tmp["m"], "--epochs", "0"));
        foreach (string side in new[] { "user", "item" })
        {
            Assert.Equal(Book(tmp["m"], side).Data, Book(tmp["same"], side).Data);
        }

        // Without --assignment the compression is numbered against the model, and trains.
        Ok(Train(changed, test, tmp["own"], "--method", "baco", "--gamma", "2", "--warm-start", tmp["m"], "--epochs", "1"));
        var stored = AssignmentStore.Load(tmp["own"]);
        Assert.NotNull(stored.Assignment.PreviousRows);
        Assert.NotNull(stored.Summary["previous"]);
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(tmp["own"], "metrics.json")))!["warm_start"]);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void ACheckpointWithoutTheWarmStartIsRefusedAndTheSameCommandResumes()
    {
        using var tmp = new TempDirectory();
        var (changed, test, model, assignment) = Setup(tmp);
        string ck = tmp["ck"];
        Ok(Train(changed, test, tmp["cold"], "--assignment", assignment, "--epochs", "1", "--checkpoint", ck));
        Assert.Contains("a warm start here, none there", BadInput(Train(changed, test, tmp["w"], "--assignment", assignment, "--warm-start", model, "--epochs", "2", "--checkpoint", ck)));

        string ck2 = tmp["ck2"];
        Ok(Train(changed, test, tmp["w1"], "--assignment", assignment, "--warm-start", model, "--epochs", "1", "--checkpoint", ck2));
        Assert.Contains("resuming from epoch 1", Ok(Train(changed, test, tmp["w2"], "--assignment", assignment, "--warm-start", model, "--epochs", "2", "--checkpoint", ck2)));
        Ok(Train(changed, test, tmp["straight"], "--assignment", assignment, "--warm-start", model, "--epochs", "2"));
        Assert.Equal(Book(tmp["straight"], "user").Data, Book(tmp["w2"], "user").Data);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void BadWarmStartsAreOneLineWithExitCodeTwo()
    {
        using var tmp = new TempDirectory();
        var (changed, test, model, assignment) = Setup(tmp);
        Ok("compress", "--train", changed, "--test", test, "--gamma", "2", "--dim", "8", "--out", tmp["plain"]);
        string With(string name, params string[] extra) => BadInput(Train(changed, test, tmp[name], ["--assignment", assignment, "--epochs", "0", .. extra]));
        Assert.Contains("does not exist", With("o1", "--warm-start", tmp["missing"]));
        Assert.Contains("not a model directory", With("o2", "--warm-start", assignment));
        Assert.Contains("dimension 8", BadInput(["train", "--train", changed, "--test", test, "--model", "mf", "--dim", "4", "--assignment", assignment, "--warm-start", model, "--out", tmp["o3"]]));
        Assert.Contains("MF model", BadInput(["train", "--train", changed, "--test", test, "--dim", "8", "--assignment", assignment, "--warm-start", model, "--out", tmp["o4"]]));
        Assert.Contains("no row map", BadInput(Train(changed, test, tmp["o5"], "--assignment", tmp["plain"], "--warm-start", model)));
        Assert.Contains("'--method random'", BadInput(Train(changed, test, tmp["o6"], "--method", "random", "--budget", "0.5", "--warm-start", model)));
        Assert.Contains("'--out'", BadInput(Train(changed, test, model, "--assignment", assignment, "--warm-start", model)));

        // A model of other data altogether is named as the option given, not as compress's '--previous'.
        string other = tmp.File("other.tsv", "user\titem\nx1\ty1\nx2\ty2\nx1\ty2\nx3\ty3\n");
        string unrelated = BadInput(["train", "--train", other, "--model", "mf", "--dim", "8", "--gamma", "0.5", "--warm-start", model, "--epochs", "1", "--eval-every", "0", "--val-fraction", "0", "--out", tmp["o7"]]);
        Assert.Contains("baco: error: '--warm-start':", unrelated, StringComparison.Ordinal);
        Assert.Contains("shares no user and no item id with these data", unrelated, StringComparison.Ordinal);
        Assert.Contains("give the model trained on an earlier version", unrelated, StringComparison.Ordinal);
        foreach (string o in new[] { "o1", "o2", "o3", "o4", "o5", "o6", "o7" })
        {
            Assert.False(Directory.Exists(tmp[o]), o);
        }
    }

    [Fact]
    public void TheTrainerCopiesMappedRowsAndLeavesTheOthersAsAFreshRunDrawsThem()
    {
        var data = TinyData.RandomDataset();
        var assignment = new CodebookAssignment("labels", SideAssignment.FromLabels([.. Enumerable.Range(0, data.UserCount).Select(u => u % 5)], 5), SideAssignment.FromLabels([.. Enumerable.Range(0, data.ItemCount).Select(i => i % 4)], 4));
        var options = new TrainingOptions { Model = ModelKind.MatrixFactorization, Dim = 4, Epochs = 0, Seed = 9 };
        float[] users = [.. Enumerable.Range(0, 3 * 4).Select(k => (float)k)];
        float[] items = [.. Enumerable.Range(0, 2 * 4).Select(k => -(float)k)];
        var warm = new WarmStart("m", ModelKind.MatrixFactorization, 0, 4, users, items, new RowMap([2, -1, 0, -1, -1], [-1, 1, -1, -1], 3, 2, "x"));
        var fresh = Trainer.Train(data, assignment, options, null, TestContext.Current.CancellationToken).Model.Parameters;
        var started = Trainer.Train(data, assignment, options with { WarmStart = warm }, null, TestContext.Current.CancellationToken).Model.Parameters;
        Assert.Equal(users.AsSpan(8, 4).ToArray(), started[0].AsSpan(0, 4).ToArray());
        Assert.Equal(users.AsSpan(0, 4).ToArray(), started[0].AsSpan(8, 4).ToArray());
        Assert.Equal(fresh[0].AsSpan(4, 4).ToArray(), started[0].AsSpan(4, 4).ToArray());
        Assert.Equal(fresh[0].AsSpan(12).ToArray(), started[0].AsSpan(12).ToArray());
        Assert.Equal(items.AsSpan(4, 4).ToArray(), started[1].AsSpan(4, 4).ToArray());
        Assert.Equal(fresh[1].AsSpan(0, 4).ToArray(), started[1].AsSpan(0, 4).ToArray());
        Assert.Equal(fresh[1].AsSpan(8).ToArray(), started[1].AsSpan(8).ToArray());

        var wider = options with { Dim = 8 };
        Assert.Equal("WarmStart", Assert.Throws<InvalidSettingException>(() => Trainer.Train(data, assignment, wider with { WarmStart = warm }, null, TestContext.Current.CancellationToken)).Setting);
    }
}
