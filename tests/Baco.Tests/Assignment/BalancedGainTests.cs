using Baco.Assignment;
using Baco.Clustering.Balanced;
using Baco.Codebooks;
using Baco.Data;

namespace Baco.Tests.Assignment;

public class BalancedGainTests
{
    /// <summary>
    /// Two co-clusters: user row 0 with item row 0 (items 0-2, a heavy item side W_I = 10) and
    /// user row 1 with item row 1 (items 3-4, W_I = 0.1). Users 0-1 sit in row 0 (W_U = 4), user 2
    /// in row 1 (W_U = 2). Weight scales 0.5; users weighted by degree, items cpm.
    /// </summary>
    private static CodebookAssignment TwoCoClusters(MoveRule rule, bool secondary, double heavy = 10)
    {
        var users = SideAssignment.FromLabels([0, 0, 1], 2);
        var items = SideAssignment.FromLabels([0, 0, 0, 1, 1], 2);
        return new CodebookAssignment("baco", users, items)
        {
            ItemRowOfUserRow = [0, 1],
            FoldIn = new BacoFoldIn(1.0, WeightScheme.Degree, WeightScheme.Cpm, rule, secondary, 0.5, 0.5, [4.0, 2.0], [heavy, 0.1]),
        };
    }

    [Fact]
    public void TheBalancePenaltyCanOutweighTheMajority()
    {
        // Items 0, 1 (row 0) and 3 (row 1); w_x = deg * scale = 3 * 0.5 = 1.5.
        // gain(row 0) = 2 - 1 * 1.5 * 10 = -13, gain(row 1) = 1 - 1.5 * 0.1 = 0.85: row 1 wins,
        // and row 0 is the secondary row (the best other candidate, no threshold).
        var assigner = new IncrementalAssigner(TwoCoClusters(MoveRule.Always, secondary: true), 0);
        var p = assigner.PlaceUser(3, [1, 3, 0]);
        Assert.Equal([1, 0], p.Codes);
        Assert.False(p.Cold);

        // Without secondary rows, one code; the graph methods' majority rule picks row 0 instead.
        Assert.Equal([1], new IncrementalAssigner(TwoCoClusters(MoveRule.Always, secondary: false), 0).PlaceUser(3, [0, 1, 3]).Codes);
        var graph = TwoCoClusters(MoveRule.Always, false) with { Method = "leiden", FoldIn = null };
        Assert.Equal([0], new IncrementalAssigner(graph, 0).PlaceUser(3, [0, 1, 3]).Codes);
    }

    [Fact]
    public void ANewItemUsesTheUserVolumesAndIfBetterKeepsANodeWithoutPositiveGainOnTheColdRow()
    {
        // New item with users 0 and 2, w_x = 1 * 0.5 (cpm): gain(row 0) = 1 - 0.5 * 4 = -1, gain(row 1) = 1 - 0.5 * 2 = 0.
        var always = new IncrementalAssigner(TwoCoClusters(MoveRule.Always, true), 0);
        Assert.Equal([1], always.PlaceItem(5, [0, 2]).Codes);

        // Under if-better a gain of 0 is not above staying alone (0): the item needs a row of its own, so the cold row.
        // There is no cold item row here, so the fallback is the largest row (row 0, three items).
        var ifBetter = new IncrementalAssigner(TwoCoClusters(MoveRule.IfBetter, true), 0);
        var p = ifBetter.PlaceItem(5, [0, 2]);
        Assert.True(p.Cold);
        Assert.Equal([0], p.Codes);
    }

    [Fact]
    public void TheStoredRuleDataRoundTripsThroughTheAssignmentDirectory()
    {
        using var tmp = new TempDirectory();
        var a = TwoCoClusters(MoveRule.IfBetter, true, heavy: 1.0 / 3) with { UserColdRow = 1 };
        string dir = tmp["a"];
        AssignmentStore.Write(dir, a, IdMap.Identity(3), IdMap.Identity(5), new System.Text.Json.Nodes.JsonObject { ["seed"] = 4 });
        var loaded = AssignmentStore.Load(dir).Assignment;
        Assert.Equal(a.ItemRowOfUserRow, loaded.ItemRowOfUserRow);
        Assert.Equal(1, loaded.UserColdRow);
        Assert.Equal(-1, loaded.ItemColdRow);
        var b = Assert.IsType<BacoFoldIn>(loaded.FoldIn);
        var fold = Assert.IsType<BacoFoldIn>(a.FoldIn);
        Assert.Equal(fold.Gamma, b.Gamma);
        Assert.Equal(MoveRule.IfBetter, b.MoveRule);
        Assert.True(b.SecondaryUserClusters);
        Assert.Equal(WeightScheme.Degree, b.UserWeights);
        Assert.Equal(fold.ItemRowVolumes, b.ItemRowVolumes); // doubles written shortest-round-trip: exact
        Assert.Equal(fold.UserRowVolumes, b.UserRowVolumes);
    }

    [Fact]
    public void CompressionStoresLinksThatPairTheRowsOfOneCoCluster()
    {
        var graph = TestGraphs.Planted(40, 30, 3, 5, 0.9, 2);
        var a = new BacoCompressor().Run(graph, 0.5).Assignment;
        Assert.NotNull(a.ItemRowOfUserRow);
        Assert.IsType<BacoFoldIn>(a.FoldIn);

        // Every linked pair shares a label: some training edge joins a user of the user row to an
        // item of the item row (a co-cluster with both sides holds its inside interactions).
        int[] links = a.ItemRowOfUserRow!;
        for (int r = 0; r < links.Length; r++)
        {
            if (links[r] < 0)
            {
                continue;
            }

            bool joined = false;
            for (int u = 0; u < graph.UserCount && !joined; u++)
            {
                if (a.Users.CodesOf(u)[0] != r)
                {
                    continue;
                }

                for (int k = graph.UserOffsets[u]; k < graph.UserOffsets[u + 1]; k++)
                {
                    joined |= a.Items.Codes[graph.UserItems[k]] == links[r];
                }
            }

            Assert.True(joined, $"user row {r} and item row {links[r]} share no interaction");
        }

        // Volumes: each side's weights sum over all rows to the side's total weight.
        Assert.Equal(NodeWeights.ForUsers(graph, new BacoOptions().UserWeights).Sum(), ((BacoFoldIn)a.FoldIn!).UserRowVolumes.Sum(), 9);
        Assert.Equal(NodeWeights.ForItems(graph, WeightScheme.Cpm).Sum(), ((BacoFoldIn)a.FoldIn).ItemRowVolumes.Sum(), 9);
    }
}
