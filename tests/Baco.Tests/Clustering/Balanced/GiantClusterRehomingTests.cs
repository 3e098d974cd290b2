using Baco.Clustering;
using Baco.Clustering.Balanced;

namespace Baco.Tests.Clustering.Balanced;

public sealed class GiantClusterRehomingTests
{
    /// <summary>A planted graph, gamma 0.5, dim 8, seed 3, and BACO's result there without rehoming.</summary>
    private static (Baco.Graph.BipartiteGraph Graph, CompressionTarget Target, CompressionContext Context, CompressionResult Plain) PlantedAtHalf()
    {
        var g = TestGraphs.Planted(600, 400, 10, 6, 0.8, 5);
        var target = CompressionTarget.Knob(0.5);
        var context = new CompressionContext(8, 3);
        return (g, target, context, new BacoCompressor(BacoOptions.Paper).Compress(g, target, context));
    }

    [Fact]
    public void UsersOfAnOversizedCoClusterMoveToTheirSecondaryCoClusterWhichBecomesTheirOnlyRow()
    {
        // User 0..3 in label 10 (4 of 5 connected users: above a 0.5 share); user 4 in label 20.
        var g = TestGraphs.FromEdges(6, 3, (0, 0), (1, 0), (2, 1), (3, 1), (4, 2));
        int[] primary = [10, 10, 10, 10, 20, 10];
        int[] secondary = [20, -1, 20, 30, -1, 20];
        var (p, s, moved) = GiantClusterRehoming.Apply(g.UserOffsetArray, primary, secondary, 0.5);

        // Users with a secondary label move and lose it; user 1 has none and stays; user 5 is isolated and stays.
        Assert.Equal([20, 10, 20, 30, 20, 10], p);
        Assert.Equal([-1, -1, -1, -1, -1, 20], s);
        Assert.Equal(3, moved);
        Assert.Equal([10, 10, 10, 10, 20, 10], primary); // the inputs are not changed
    }

    [Fact]
    public void NoCoClusterAboveTheShareMeansNoMove()
    {
        var g = TestGraphs.FromEdges(4, 2, (0, 0), (1, 0), (2, 1), (3, 1));
        var (p, s, moved) = GiantClusterRehoming.Apply(g.UserOffsetArray, [1, 1, 2, 2], [2, 2, 1, 1], 0.5);
        Assert.Equal(0, moved);
        Assert.Equal([1, 1, 2, 2], p);
        Assert.Equal([2, 2, 1, 1], s);
    }

    [Fact]
    public void BacoWithRehomingShrinksTheLargestUserRowAndReportsTheMovedUsers()
    {
        var (g, target, context, plain) = PlantedAtHalf();
        var rehomed = new BacoCompressor(BacoOptions.Paper with { RehomeAbove = 0.01 }).Compress(g, target, context);
        int moved = rehomed.Stats.RehomedUsers!.Value;
        Assert.True(moved > 0);
        Assert.Null(plain.Stats.RehomedUsers);
        Assert.False(plain.Stats.ToJson().ContainsKey("rehomed_users"));
        Assert.Equal(rehomed.Stats.SecondaryUsers!.Value, rehomed.Assignment.ExtraIndices);
        Assert.True(rehomed.Assignment.ExtraIndices <= plain.Assignment.ExtraIndices - moved);
        Assert.True(LargestRow(rehomed.Assignment.Users) < LargestRow(plain.Assignment.Users));
    }

    [Fact]
    public void ASecondaryLabelLeftWithoutUsersIsDropped()
    {
        // Label 10 holds users 0 and 1 (both move to 20); user 2 (label 20) had secondary 10, which no user holds afterwards.
        var g = TestGraphs.FromEdges(3, 2, (0, 0), (1, 0), (2, 1));
        var (p, s, moved) = GiantClusterRehoming.Apply(g.UserOffsetArray, [10, 10, 20], [20, 20, 10], 0.5);
        Assert.Equal(2, moved);
        Assert.Equal([20, 20, 20], p);
        Assert.Equal([-1, -1, -1], s);
    }

    [Fact]
    public void ItemsOfAnOversizedCoClusterMoveByTheSameRule()
    {
        // Items 0..2 in label 10 (3 of 4 connected items); item 3 in label 20; item 4 is isolated.
        var g = TestGraphs.FromEdges(2, 5, (0, 0), (0, 1), (1, 2), (1, 3));
        var (p, s, moved) = GiantClusterRehoming.Apply(g.ItemOffsetArray, [10, 10, 10, 20, 10], [20, -1, 20, -1, 20], 0.5);
        Assert.Equal([20, 10, 20, 20, 10], p);
        Assert.Equal([-1, -1, -1, -1, 20], s);
        Assert.Equal(2, moved);
    }

    [Fact]
    public void BacoWithItemRehomingMovesItemsWithoutGivingTheOthersASecondRow()
    {
        var (g, target, context, plain) = PlantedAtHalf();
        var rehomed = new BacoCompressor(BacoOptions.Paper with { RehomeItemsAbove = 0.01 }).Compress(g, target, context);
        Assert.True(rehomed.Stats.RehomedItems > 0);
        Assert.Null(plain.Stats.RehomedItems);
        Assert.False(plain.Stats.ToJson().ContainsKey("rehomed_items"));
        Assert.Equal(rehomed.Stats.RehomedItems!.Value, (double)rehomed.Stats.ToJson()["rehomed_items"]!);

        // One code per item, as without the option; the users' side is untouched.
        Assert.Equal(0, rehomed.Assignment.Items.ExtraIndices);
        Assert.Equal(plain.Assignment.Users.Codes.ToArray(), rehomed.Assignment.Users.Codes.ToArray());
        Assert.True(LargestRow(rehomed.Assignment.Items) < LargestRow(plain.Assignment.Items));

        // With second rows for items, the items that stay keep theirs.
        var both = new BacoCompressor(BacoOptions.Paper with { RehomeItemsAbove = 0.01, SecondaryItemClusters = true }).Compress(g, target, context);
        Assert.Equal(both.Stats.SecondaryItems ?? 0, both.Assignment.Items.ExtraIndices);
        Assert.Equal(rehomed.Stats.RehomedItems, both.Stats.RehomedItems);

        Assert.Equal("RehomeItemsAbove", Assert.Throws<InvalidSettingException>(() => new BacoCompressor(new BacoOptions { RehomeItemsAbove = 1 })).Setting);
    }

    [Fact]
    public void TheFollowUpRoundMovesOnlyEntitiesOfAnOversizedCoClusterThatHadNoSecondaryLabel()
    {
        // Label 10 holds users 0..3 (4 of 5 connected users: above a 0.5 share); user 4 is in label 30; user 5 is isolated.
        var g = TestGraphs.FromEdges(6, 3, (0, 0), (1, 0), (2, 1), (3, 1), (4, 2));
        int[] primary = [10, 10, 10, 10, 30, 10];
        int[] secondary = [-1, -1, 30, -1, -1, -1];
        int[] candidates = [30, -1, 40, 30, 10, 30];
        var (p, s, moved) = GiantClusterRehoming.Follow(g.UserOffsetArray, primary, secondary, candidates, 0.5);

        // Users 0 and 3 move to their candidate; user 1 has none; user 2 keeps its labels (it had a
        // secondary one, so its candidate 40 is ignored); user 4's co-cluster is not oversized; user 5 is isolated.
        Assert.Equal([30, 10, 10, 30, 30, 10], p);
        Assert.Equal([-1, -1, 30, -1, -1, -1], s);
        Assert.Equal(2, moved);
        Assert.Equal([10, 10, 10, 10, 30, 10], primary); // the inputs are not changed
        Assert.Equal([-1, -1, 30, -1, -1, -1], secondary);
    }

    [Fact]
    public void TheFollowUpRoundMovesUsersGivesNoSecondRowAndLeavesTheItemsAlone()
    {
        var (g, target, context, _) = PlantedAtHalf();
        var both = BacoOptions.Paper with { RehomeAbove = 0.01, RehomeItemsAbove = 0.01 };
        var once = new BacoCompressor(both).Compress(g, target, context);
        var twice = new BacoCompressor(both with { RehomeUsersAfterItems = true }).Compress(g, target, context);

        Assert.NotEqual(once.Assignment.Users.Codes.ToArray(), twice.Assignment.Users.Codes.ToArray());

        // Users, not moves: one moved in both rounds counts once, so never more than there are.
        Assert.InRange(twice.Stats.RehomedUsers!.Value, 1, g.UserCount);
        Assert.True(twice.Assignment.Users.ExtraIndices <= once.Assignment.Users.ExtraIndices);
        Assert.True(twice.Assignment.Users.RowCount <= once.Assignment.Users.RowCount);
        Assert.Equal(once.Assignment.Items.Codes.ToArray(), twice.Assignment.Items.Codes.ToArray());
        Assert.Equal(once.Stats.RehomedItems, twice.Stats.RehomedItems);
        Assert.Equal(twice.Stats.SecondaryUsers!.Value, twice.Assignment.ExtraIndices);
    }

    [Fact]
    public void TheFollowUpRoundActsOnlyWithBothRehomingsOn()
    {
        var (g, target, context, _) = PlantedAtHalf();
        foreach (var one in new[] { BacoOptions.Paper with { RehomeAbove = 0.01 }, BacoOptions.Paper with { RehomeItemsAbove = 0.01 } })
        {
            var without = new BacoCompressor(one).Compress(g, target, context);
            var with = new BacoCompressor(one with { RehomeUsersAfterItems = true }).Compress(g, target, context);
            Assert.Equal(without.Assignment.Users.Codes.ToArray(), with.Assignment.Users.Codes.ToArray());
            Assert.Equal(without.Stats.RehomedUsers, with.Stats.RehomedUsers);
        }
    }

    [Theory]
    [InlineData(0.05, 0.05, true, true, true, true)]
    [InlineData(0.05, 0.05, false, true, false, false)] // no secondary user clusters: no user moves
    [InlineData(0.0, 0.05, true, true, false, false)]
    [InlineData(0.05, 0.0, true, true, true, false)]
    [InlineData(0.05, 0.05, true, false, true, false)]
    public void WhetherRehomingActsFollowsFromTheOptions(double users, double items, bool secondary, bool follow, bool rehomesUsers, bool followActs)
    {
        var options = new BacoOptions { RehomeAbove = users, RehomeItemsAbove = items, SecondaryUserClusters = secondary, RehomeUsersAfterItems = follow };
        Assert.Equal((rehomesUsers, followActs), (options.RehomesUsers(), options.FollowUpRoundActs()));
    }

    private static int LargestRow(Baco.Codebooks.SideAssignment side)
    {
        var counts = new int[side.RowCount];
        for (int x = 0; x < side.EntityCount; x++)
        {
            counts[side.CodesOf(x)[0]]++;
        }

        return counts.Max();
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void AShareOutsideZeroToOneIsRefused(double share)
    {
        var e = Assert.Throws<InvalidSettingException>(() => new BacoOptions { RehomeAbove = share }.Validate());
        Assert.Equal(nameof(BacoOptions.RehomeAbove), e.Setting);
    }

    [Fact]
    public void WithoutSecondaryClustersNoUserIsRehomed()
    {
        var (g, target, context, _) = PlantedAtHalf();
        var options = new BacoOptions { RehomeAbove = 0.01, RehomeItemsAbove = 0.01, SecondaryUserClusters = false };
        var run = new BacoCompressor(options).Compress(g, target, context);
        var paper = new BacoCompressor(options with { RehomeAbove = 0, RehomeUsersAfterItems = false }).Compress(g, target, context);
        Assert.Null(run.Stats.RehomedUsers);
        Assert.True(run.Stats.RehomedItems > 0);
        Assert.Equal(paper.Assignment.Users.Codes.ToArray(), run.Assignment.Users.Codes.ToArray());
    }

    [Fact]
    public void TheDefaultsRehomeBothSidesWithUsersWeightedByCpmAndPaperIsTheMethodAsWritten()
    {
        var defaults = new BacoOptions();
        Assert.Equal((WeightScheme.Cpm, WeightScheme.Cpm, 0.05, 0.05, true), (defaults.UserWeights, defaults.ItemWeights, defaults.RehomeAbove, defaults.RehomeItemsAbove, defaults.RehomeUsersAfterItems));
        var paper = BacoOptions.Paper;
        Assert.Equal((WeightScheme.Degree, WeightScheme.Cpm, 0.0, 0.0, false), (paper.UserWeights, paper.ItemWeights, paper.RehomeAbove, paper.RehomeItemsAbove, paper.RehomeUsersAfterItems));
        Assert.Equal(defaults with { UserWeights = WeightScheme.Degree, RehomeAbove = 0, RehomeItemsAbove = 0, RehomeUsersAfterItems = false }, paper);
    }
}
