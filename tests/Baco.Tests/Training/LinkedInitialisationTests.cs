using Baco.Codebooks;
using Baco.Models;
using Baco.Tests.Cli;
using Baco.Tests.TestSupport;
using Baco.Training;

namespace Baco.Tests.Training;

public class LinkedInitialisationTests
{
    private static (Baco.Data.Dataset Data, CodebookAssignment Linked, TrainingOptions Options) Case()
    {
        var data = TinyData.RandomDataset();
        var users = SideAssignment.FromLabels([.. Enumerable.Range(0, data.UserCount).Select(u => u % 5)], 5);
        var items = SideAssignment.FromLabels([.. Enumerable.Range(0, data.ItemCount).Select(i => i % 4)], 4);
        // User rows 0, 2 and 4 share a co-cluster with item rows 2, 0 and 1; item row 3 has no user row.
        var linked = new CodebookAssignment("labels", users, items) { ItemRowOfUserRow = [2, -1, 0, -1, 1] };
        return (data, linked, new TrainingOptions { Model = ModelKind.MatrixFactorization, Dim = 4, Epochs = 0, Seed = 9 });
    }

    [Fact]
    public void EachLinkedItemRowStartsAsItsUserRowAndEveryOtherRowAsAFreshRunDrawsIt()
    {
        var (data, linked, options) = Case();
        var fresh = Trainer.Train(data, linked, options, null, TestContext.Current.CancellationToken).Model.Parameters;
        var started = Trainer.Train(data, linked, options with { LinkedInit = true }, null, TestContext.Current.CancellationToken).Model.Parameters;
        float[] Row(float[] book, int r) => book.AsSpan(r * 4, 4).ToArray();

        Assert.Equal(fresh[0], started[0]); // user rows are drawn as always
        Assert.Equal(Row(fresh[0], 0), Row(started[1], 2));
        Assert.Equal(Row(fresh[0], 2), Row(started[1], 0));
        Assert.Equal(Row(fresh[0], 4), Row(started[1], 1));
        Assert.Equal(Row(fresh[1], 3), Row(started[1], 3)); // no user row: its own draw
        Assert.NotEqual(Row(fresh[1], 2), Row(started[1], 2));
    }

    [Fact]
    public void AnAssignmentWithoutCoClustersIsRefusedBeforeTraining()
    {
        var (data, linked, options) = Case();
        var unlinked = linked with { ItemRowOfUserRow = null, Method = "random" };
        var e = Assert.Throws<InvalidSettingException>(() => Trainer.Train(data, unlinked, options with { LinkedInit = true }, null, TestContext.Current.CancellationToken));
        Assert.Equal("LinkedInit", e.Setting);
        Assert.Contains("method 'random' has no co-clusters", e.Message);
        Assert.Contains("baco, graphhash, leiden, scc, lp, doublegraphhash", e.Message);
    }

    [Fact]
    public void ACheckpointIsTiedToTheSetting()
    {
        var (data, linked, options) = Case();
        var plain = TrainingFingerprint.Of(options, linked, data.Train, null);
        var with = TrainingFingerprint.Of(options with { LinkedInit = true }, linked, data.Train, null);
        Assert.Null(plain.DifferencesFrom(TrainingFingerprint.Of(options, linked, data.Train, null)));
        Assert.Equal("linked initialisation on here, off there", with.DifferencesFrom(plain));
        Assert.Equal("linked initialisation on there, off here", plain.DifferencesFrom(with));
    }

    [Fact]
    public void TheCliRefusesItForMethodsWithoutCoClustersBeforeAnyWork()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var refused = CliRunner.Run("train", "--train", train, "--method", "random", "--budget", "0.5", "--init-linked", "--out", tmp["m"]);
        Assert.Equal(2, refused.Code);
        Assert.Contains("'--init-linked'", refused.Err);
        Assert.Contains("method 'random' has no co-clusters", refused.Err);
        Assert.DoesNotContain("   at ", refused.Err);
        Assert.False(Directory.Exists(tmp["m"]));

        var bench = CliRunner.Run("bench", "--train", train, "--test", train, "--methods", "baco,full", "--budget", "0.5", "--init-linked", "--out", tmp["b"]);
        Assert.Equal(2, bench.Code);
        Assert.Contains("method 'full' has no co-clusters", bench.Err);

        var trained = CliRunner.Run("train", "--train", train, "--method", "baco", "--gamma", "0.5", "--model", "mf", "--dim", "4", "--epochs", "1", "--init-linked", "--out", tmp["ok"]);
        Assert.True(trained.Code == 0, trained.Err);
        Assert.Contains("\"init_linked\": true", File.ReadAllText(Path.Combine(tmp["ok"], "metrics.json")));
    }
}
