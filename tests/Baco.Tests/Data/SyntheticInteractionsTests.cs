using Baco.Data;

namespace Baco.Tests.Data;

public sealed class SyntheticInteractionsTests
{
    private static readonly SyntheticOptions Small = new() { Users = 1_200, Items = 800, Interactions = 24_000, Clusters = 8, Seed = 7 };

    [Fact]
    public void SameSeed_GivesIdenticalOutput()
    {
        var a = SyntheticInteractions.Generate(Small);
        var b = SyntheticInteractions.Generate(Small);
        Assert.Equal(a.UserClusters, b.UserClusters);
        Assert.Equal(a.ItemClusters, b.ItemClusters);
        Assert.Equal(a.Dataset.Train.Users, b.Dataset.Train.Users);
        Assert.Equal(a.Dataset.Train.Items, b.Dataset.Train.Items);
        Assert.Equal(a.Dataset.Test!.Items, b.Dataset.Test!.Items);

        var c = SyntheticInteractions.Generate(Small with { Seed = 8 });
        Assert.NotEqual(a.Dataset.Train.Items, c.Dataset.Train.Items);
    }

    [Fact]
    public void Counts_SplitsAndIdSpace()
    {
        var s = SyntheticInteractions.Generate(Small);
        var d = s.Dataset;
        Assert.True(d.Users.IsIdentity);
        Assert.Equal(1_200, d.UserCount);
        Assert.Equal(800, d.ItemCount);
        long total = d.Train.Count + d.Validation!.Count + d.Test!.Count;
        Assert.Equal(24_000, total);
        Assert.InRange(d.Validation.Count, 1_800, 3_000);
        Assert.InRange(d.Test.Count, 1_800, 3_000);

        // Splits are disjoint, each sorted and duplicate-free.
        var seen = new HashSet<long>();
        foreach (var list in new[] { d.Train, d.Validation, d.Test })
        {
            for (int k = 0; k < list.Count; k++)
            {
                long key = ((long)list.Users[k] << 32) | (uint)list.Items[k];
                Assert.True(seen.Add(key));
                Assert.True(k == 0 || key > (((long)list.Users[k - 1] << 32) | (uint)list.Items[k - 1]));
            }
        }

        // Every user with an interaction keeps at least one in train.
        var trainUsers = d.Train.Users.ToHashSet();
        Assert.All(d.Test.Users, u => Assert.Contains(u, trainUsers));
    }

    [Fact]
    public void PlantedClusters_AreBalancedAndDominateEdges()
    {
        var s = SyntheticInteractions.Generate(Small);
        Assert.All(Enumerable.Range(0, 8), c => Assert.Equal(150, s.UserClusters.Count(x => x == c)));
        Assert.All(Enumerable.Range(0, 8), c => Assert.Equal(100, s.ItemClusters.Count(x => x == c)));

        var t = s.Dataset.Train;
        int inCluster = 0;
        for (int k = 0; k < t.Count; k++)
        {
            inCluster += s.UserClusters[t.Users[k]] == s.ItemClusters[t.Items[k]] ? 1 : 0;
        }

        // 0.8 in-cluster plus 1/8 of the random draws, less what duplicates remove.
        double share = inCluster / (double)t.Count;
        Assert.InRange(share, 0.70, 0.90);
    }

    [Fact]
    public void PlantedItemClusters_AreRecoveredByMajorityVote()
    {
        // Knowing the user labels, an item's planted cluster is the most common among its users.
        var s = SyntheticInteractions.Generate(Small);
        var votes = new int[800, 8];
        var t = s.Dataset.Train;
        for (int k = 0; k < t.Count; k++)
        {
            votes[t.Items[k], s.UserClusters[t.Users[k]]]++;
        }

        int recovered = 0;
        for (int i = 0; i < 800; i++)
        {
            int best = 0;
            for (int c = 1; c < 8; c++)
            {
                best = votes[i, c] > votes[i, best] ? c : best;
            }

            recovered += best == s.ItemClusters[i] ? 1 : 0;
        }

        Assert.True(recovered >= 760, $"{recovered} of 800 items recovered");
    }

    [Fact]
    public void Degrees_AreHeavyTailed()
    {
        var s = SyntheticInteractions.Generate(Small with { DegreeExponent = 0.8 });
        var degrees = new int[800];
        foreach (int i in s.Dataset.Train.Items)
        {
            degrees[i]++;
        }

        Array.Sort(degrees);
        double median = degrees[400];
        Assert.True(degrees[^1] > 8 * median, $"max {degrees[^1]} vs median {median}");
    }

    [Fact]
    public void DefaultOptions_AreTheDemoSize()
    {
        var d = SyntheticInteractions.Generate().Dataset;
        Assert.Equal(6_000, d.UserCount);
        Assert.Equal(4_000, d.ItemCount);
        Assert.Equal(120_000, d.Train.Count + d.Validation!.Count + d.Test!.Count);
    }

    [Fact]
    public void NoHoldout_GivesNullSplits()
    {
        var d = SyntheticInteractions.Generate(Small with { ValidationFraction = 0, TestFraction = 0 }).Dataset;
        Assert.Null(d.Validation);
        Assert.Null(d.Test);
        Assert.Equal(24_000, d.Train.Count);
    }

    [Fact]
    public void NearlySaturatedGraph_StillTerminatesAndStaysValid()
    {
        var d = SyntheticInteractions.Generate(new SyntheticOptions { Users = 50, Items = 40, Interactions = 900, Clusters = 4, DegreeExponent = 1.2 }).Dataset;
        long total = d.Train.Count + d.Validation!.Count + d.Test!.Count;
        Assert.InRange(total, 700, 900);
        Assert.All(d.Train.Items, i => Assert.InRange(i, 0, 39));
    }

    [Fact]
    public void BadOptions_Throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => SyntheticInteractions.Generate(Small with { Clusters = 0 }));
        Assert.ThrowsAny<ArgumentException>(() => SyntheticInteractions.Generate(Small with { InClusterProbability = 1.5 }));
        Assert.ThrowsAny<ArgumentException>(() => SyntheticInteractions.Generate(Small with { Interactions = 1_200L * 800 }));
    }
}
