using Baco.Data;

namespace Baco.Tests.Data;

public sealed class BeautyDatasetTests
{
    [Fact]
    public void Beauty_HasThePublishedCounts()
    {
        string dir = TestData.RequireDataset("beauty");
        var d = InteractionReader.Read(Path.Combine(dir, "train.tsv"), Path.Combine(dir, "val.tsv"), Path.Combine(dir, "test.tsv"));
        Assert.True(d.Users.IsIdentity);
        Assert.True(d.Items.IsIdentity);
        Assert.Equal(22_363, d.UserCount);
        Assert.Equal(12_101, d.ItemCount);
        Assert.Equal(158_801, d.Train.Count);
        Assert.Equal(19_850, d.Validation!.Count);
        Assert.Equal(19_851, d.Test!.Count);

        // The README's users and item that only appear in validation or test.
        var trainUsers = d.Train.Users.ToHashSet();
        var trainItems = d.Train.Items.ToHashSet();
        Assert.DoesNotContain(217, trainUsers);
        Assert.DoesNotContain(2247, trainUsers);
        Assert.DoesNotContain(7116, trainUsers);
        Assert.DoesNotContain(177, trainItems);
        Assert.Equal(22_363 - 3, trainUsers.Count);
    }

    [Fact]
    public void Gowalla_HasTheLightGcnSplitCounts()
    {
        string dir = TestData.RequireDataset("gowalla");
        var d = InteractionReader.Read(Path.Combine(dir, "train.tsv"), testPath: Path.Combine(dir, "test.tsv"));
        Assert.True(d.Users.IsIdentity);
        Assert.Equal(29_858, d.UserCount);
        Assert.Equal(40_981, d.ItemCount);
        Assert.Equal(810_128, d.Train.Count);
        Assert.Equal(217_242, d.Test!.Count);
    }
}
