using Baco.Data;
using Baco.Evaluation;

namespace Baco.Tests.Evaluation;

public class MetricsTests
{
    [Fact]
    public void HandMadeRankingsGiveHandComputedMetrics()
    {
        // User 0: relevant {1,2,3}; user 1: relevant {5}; user 2: none (left out and counted).
        var relevant = InteractionList.FromPairs([0, 0, 0, 1], [1, 2, 3, 5]);
        var evaluator = new Evaluator(3, 10, relevant, [], [2, 5]);
        int[] top = [1, 7, 2, 8, 9, 4, 5, 6, 7, 8];
        var m = evaluator.FromRankings(top, [5, 5], 5);

        double l3 = 1 / Math.Log2(3), l4 = 1 / Math.Log2(4);

        // K=2: user0 one hit at rank 1 of min(2,3)=2; user1 hit at rank 2 of 1.
        Assert.Equal(((1.0 / 2) + 1.0) / 2, m.RecallAt(2), 12);
        Assert.Equal(((1.0 / 3) + 1.0) / 2, m.RecallUncappedAt(2), 12);
        Assert.Equal(((1 / (1 + l3)) + l3) / 2, m.NdcgAt(2), 12);

        // K=5: user0 hits at ranks 1 and 3 of min(5,3)=3.
        Assert.Equal(((2.0 / 3) + 1.0) / 2, m.RecallAt(5), 12);
        Assert.Equal(((2.0 / 3) + 1.0) / 2, m.RecallUncappedAt(5), 12);
        Assert.Equal((((1 + l4) / (1 + l3 + l4)) + l3) / 2, m.NdcgAt(5), 12);
        Assert.Equal(2, m.UsersEvaluated);
        Assert.Equal(1, m.UsersWithoutRelevant);
    }

    [Fact]
    public void RecallDenominatorsDifferOnlyWhenRelevantExceedsK()
    {
        // 4 relevant items, all ranked in the top 2 positions possible: K=2 gives 2 hits.
        var relevant = InteractionList.FromPairs([0, 0, 0, 0], [0, 1, 2, 3]);
        var evaluator = new Evaluator(1, 6, relevant, [], [2]);
        var m = evaluator.FromRankings([0, 1], [2], 2);
        Assert.Equal(1.0, m.RecallAt(2), 12);
        Assert.Equal(0.5, m.RecallUncappedAt(2), 12);
        Assert.Equal(1.0, m.NdcgAt(2), 12);
    }

    [Fact]
    public void EvaluateMasksExcludedItems()
    {
        // One user, dim 1: scores equal item embeddings; items 4 and 3 score highest but 4 is a training item.
        float[] users = [1f];
        float[] items = [0.0f, 0.1f, 0.2f, 0.3f, 0.4f];
        var test = InteractionList.FromPairs([0], [3]);
        var train = InteractionList.FromPairs([0], [4]);
        var masked = new Evaluator(1, 5, test, [train], [1]).Evaluate(users, items, 1);
        var unmasked = new Evaluator(1, 5, test, [], [1]).Evaluate(users, items, 1);
        Assert.Equal(1.0, masked.RecallAt(1));
        Assert.Equal(0.0, unmasked.RecallAt(1));
    }

    [Fact]
    public void UsersWithoutRelevantItemsAreLeftOut()
    {
        var test = InteractionList.FromPairs([1], [0]);
        var m = new Evaluator(3, 2, test, [], [1]).Evaluate(new float[3], new float[2], 1);
        Assert.Equal(1, m.UsersEvaluated);
        Assert.Equal(2, m.UsersWithoutRelevant);
    }
}
