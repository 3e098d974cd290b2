using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Clustering;
using Baco.Clustering.Balanced;
using Baco.Data;

namespace Baco.Tests.Clustering.Balanced;

public sealed class SecondaryItemClustersTests
{
    [Fact]
    public void ItemsGetASecondRowOnlyWhenAskedAndTheUsersSideIsUnchanged()
    {
        var g = TestGraphs.Planted(600, 400, 10, 6, 0.8, 5);
        var target = CompressionTarget.Knob(0.5);
        var context = new CompressionContext(8, 3);
        var plain = new BacoCompressor().Compress(g, target, context);
        var withItems = new BacoCompressor(new BacoOptions { SecondaryItemClusters = true }).Compress(g, target, context);

        Assert.Equal(0, plain.Assignment.Items.ExtraIndices);
        Assert.Null(plain.Stats.SecondaryItems);
        int secondaryItems = withItems.Stats.SecondaryItems!.Value;
        Assert.True(secondaryItems > 0);
        Assert.Equal(secondaryItems, withItems.Assignment.Items.ExtraIndices);

        // The users' side and every item's primary row are those of the plain run.
        Assert.Equal(plain.Assignment.Users.Codes.ToArray(), withItems.Assignment.Users.Codes.ToArray());
        var items = withItems.Assignment.Items;
        Assert.Equal(plain.Assignment.Items.RowCount, items.RowCount);
        for (int i = 0; i < items.EntityCount; i++)
        {
            var codes = items.CodesOf(i);
            Assert.Equal(plain.Assignment.Items.CodesOf(i)[0], codes[0]);
            Assert.InRange(codes.Length, 1, 2);
            if (codes.Length == 2)
            {
                Assert.NotEqual(codes[0], codes[1]);
            }
        }

        Assert.Equal(plain.Assignment.Parameters(8) + secondaryItems, withItems.Assignment.Parameters(8));
    }

    [Fact]
    public void TheStoredAssignmentRemembersItAndNewItemsGetTwoRowsLikeTrainedOnes()
    {
        var g = TestGraphs.Planted(600, 400, 10, 6, 0.8, 5);
        var run = new BacoCompressor(new BacoOptions { SecondaryItemClusters = true }).Compress(g, CompressionTarget.Knob(0.5), new CompressionContext(8, 3));
        using var tmp = new TempDirectory();
        string dir = tmp["a"];
        AssignmentStore.Write(dir, run.Assignment, IdMap.Identity(g.UserCount), IdMap.Identity(g.ItemCount), new JsonObject { ["seed"] = 3 });
        Assert.True((bool)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, AssignmentStore.BacoFoldInFile)))!["secondary_items"]!);
        var stored = AssignmentStore.Load(dir);
        Assert.True(((BacoFoldIn)stored.Assignment.FoldIn!).SecondaryItemClusters);

        // A new item whose users are those of a trained item with two rows, in the same proportions, gets two rows.
        int twoRows = Enumerable.Range(0, g.ItemCount).First(i => run.Assignment.Items.CodesOf(i).Length == 2);
        var placed = IncrementalAssigner.FromStored(stored, dir).PlaceItem(g.ItemCount, g.UsersOf(twoRows));
        Assert.Equal(2, placed.Codes.Length);
        Assert.NotEqual(placed.Codes[0], placed.Codes[1]);

        // Without the option the fold-in file has no such key (files of earlier runs read as off).
        var plain = new BacoCompressor().Compress(g, CompressionTarget.Knob(0.5), new CompressionContext(8, 3));
        string plainDir = tmp["p"];
        AssignmentStore.Write(plainDir, plain.Assignment, IdMap.Identity(g.UserCount), IdMap.Identity(g.ItemCount), new JsonObject { ["seed"] = 3 });
        Assert.False(JsonNode.Parse(File.ReadAllText(Path.Combine(plainDir, AssignmentStore.BacoFoldInFile)))!.AsObject().ContainsKey("secondary_items"));
        Assert.False(((BacoFoldIn)AssignmentStore.Load(plainDir).Assignment.FoldIn!).SecondaryItemClusters);
        Assert.Single(IncrementalAssigner.FromStored(AssignmentStore.Load(plainDir), plainDir).PlaceItem(g.ItemCount, g.UsersOf(twoRows)).Codes);
    }
}
