using Baco.Clustering.Balanced;

namespace Baco.Tests.Clustering.Balanced;

public class SecondaryClustersTests
{
    [Fact]
    public void PicksTheBestOtherLabelHeldByAUser()
    {
        // Users 0, 1, 2; items 0..4; labels live in the joint space of 8 node ids.
        // User 0 is in label 0 with items 0 and 1; item 2 is in label 1 (user 1's), item 3 in label 2
        // (user 2's), item 4 in label 7 (an item-only label, so no user row: not a candidate).
        var graph = TestGraphs.FromEdges(3, 5, (0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (2, 3));
        int[] userLabels = [0, 1, 2];
        int[] itemLabels = [0, 0, 1, 2, 7];
        var itemVolumes = new double[8];
        itemVolumes[0] = 2;
        itemVolumes[1] = 1.0;   // label 1: score 1 - gamma * w * 1.0
        itemVolumes[2] = 0.25;  // label 2: score 1 - gamma * w * 0.25  (higher)
        itemVolumes[7] = 0.01;
        var userCounts = new int[8];
        userCounts[0] = userCounts[1] = userCounts[2] = 1;
        double[] userWeight = [1, 1, 1];
        var secondary = SecondaryClusters.Compute(graph.UserOffsetArray, graph.UserItemArray, userLabels, itemLabels, userWeight, itemVolumes, userCounts, gamma: 1.0);
        Assert.Equal(2, secondary[0]);
        // User 1's only item is in its own label: no candidate.
        Assert.Equal(-1, secondary[1]);
        Assert.Equal(-1, secondary[2]);
    }

    [Fact]
    public void MoreSharedInteractionsBeatLowerVolume()
    {
        // User 0 (label 0) has two items in label 1 and one in label 2; with small gamma, label 1 wins.
        var graph = TestGraphs.FromEdges(3, 3, (0, 0), (0, 1), (0, 2), (1, 0), (2, 2));
        int[] userLabels = [0, 1, 2];
        int[] itemLabels = [1, 1, 2];
        var itemVolumes = new double[6];
        itemVolumes[1] = 2;
        itemVolumes[2] = 1;
        var counts = new int[6];
        counts[0] = counts[1] = counts[2] = 1;
        var s = SecondaryClusters.Compute(graph.UserOffsetArray, graph.UserItemArray, userLabels, itemLabels, [1, 1, 1], itemVolumes, counts, gamma: 0.1);
        Assert.Equal(1, s[0]); // 2 - 0.2 > 1 - 0.1
        var t = SecondaryClusters.Compute(graph.UserOffsetArray, graph.UserItemArray, userLabels, itemLabels, [1, 1, 1], itemVolumes, counts, gamma: 2);
        Assert.Equal(2, t[0]); // 2 - 4 < 1 - 2
    }

    [Fact]
    public void ItemsTakeTheBestOtherLabelHeldByAnItem()
    {
        // Items 0, 1, 2 in labels 3, 4, 5 (joint space of 6: users 0..2, items 3..5). Item 0's
        // users: user 0 (label 4, item 1's), users 1 and 2 (label 5, item 2's). With small gamma
        // the label with two of its users wins; a user label no item holds is no candidate.
        var graph = TestGraphs.FromEdges(3, 3, (0, 0), (1, 0), (2, 0), (0, 1), (1, 2));
        int[] userLabels = [4, 5, 5];
        int[] itemLabels = [3, 4, 5];
        var userVolumes = new double[6];
        userVolumes[4] = 1;
        userVolumes[5] = 2;
        var itemCounts = new int[6];
        itemCounts[3] = itemCounts[4] = itemCounts[5] = 1;
        var s = SecondaryClusters.Compute(graph.ItemOffsetArray, graph.ItemUserArray, itemLabels, userLabels, [1, 1, 1], userVolumes, itemCounts, gamma: 0.1);
        Assert.Equal(5, s[0]); // 2 - 0.2 > 1 - 0.1
        Assert.Equal(-1, s[1]); // its one user is in its own label
        var t = SecondaryClusters.Compute(graph.ItemOffsetArray, graph.ItemUserArray, itemLabels, userLabels, [1, 1, 1], userVolumes, itemCounts, gamma: 2);
        Assert.Equal(4, t[0]); // 2 - 4 < 1 - 2
        itemCounts[5] = 0;
        Assert.Equal(4, SecondaryClusters.Compute(graph.ItemOffsetArray, graph.ItemUserArray, itemLabels, userLabels, [1, 1, 1], userVolumes, itemCounts, gamma: 0.1)[0]);
    }
}
