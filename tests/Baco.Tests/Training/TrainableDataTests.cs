using Baco.Codebooks;
using Baco.Data;
using Baco.Training;

namespace Baco.Tests.Training;

/// <summary>Data BPR cannot train on fail up front, naming users in their own ids.</summary>
[Trait("Category", "Fault")]
public class TrainableDataTests
{
    private static Dataset Named(string[] users, string[] items, int[] u, int[] i)
        => new(IdMap.FromNames(users), IdMap.FromNames(items), InteractionList.FromPairs(u, i));

    [Fact]
    public void OneEdgeIsASingleItem()
    {
        var data = Named(["alice"], ["book"], [0], [0]);
        var ex = Assert.Throws<UnusableDataException>(() => TrainableData.Ensure(data));
        Assert.Contains("single item ('book')", ex.Message);
    }

    [Fact]
    public void NoTrainingInteractions()
    {
        var data = Named(["alice"], ["book", "pen"], [], []);
        Assert.Contains("no training interactions", Assert.Throws<UnusableDataException>(() => TrainableData.Ensure(data)).Message);
    }

    [Fact]
    public void AUserWithEveryItemIsNamedInTheirOwnId()
    {
        // Dense ids: alice 0, bob 1, carol 2; bob and carol have all three items.
        var data = Named(["alice", "bob", "carol"], ["x", "y", "z"], [0, 1, 1, 1, 2, 2, 2], [0, 0, 1, 2, 0, 1, 2]);
        var ex = Assert.Throws<UnusableDataException>(() => TrainableData.Ensure(data));
        Assert.Contains("user 'bob' (and 1 other users) interacted with all 3 items", ex.Message);
        Assert.DoesNotContain("user 1", ex.Message);

        // One item nobody has seen is enough.
        TrainableData.Ensure(data with { Items = IdMap.FromNames(["x", "y", "z", "w"]) });
    }

    [Fact]
    public void TrainerChecksBeforeWritingAnything()
    {
        var data = Named(["alice", "bob"], ["x", "y"], [0, 1, 1], [0, 0, 1]);
        using var dir = new TempDirectory();
        var options = new TrainingOptions { Dim = 4, Epochs = 1, EvalEvery = 0, CheckpointPath = dir["ck.bin"] };
        var ex = Assert.Throws<UnusableDataException>(() => Trainer.Train(data, CodebookAssignment.Full(2, 2), options, null, TestContext.Current.CancellationToken));
        Assert.Contains("'bob'", ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }
}
