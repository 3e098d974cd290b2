using Baco.Clustering.Hashing;
using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Tests.Clustering.Hashing;

public sealed class HashingFamilyTests
{
    // 4 users, 6 items. Degrees: users 1, 3, 2, 0; items 1, 2, 1, 1, 1, 0.
    private static BipartiteGraph Tiny() => BipartiteGraph.FromPairs(
        4, 6, [0, 1, 1, 1, 2, 2], [1, 0, 1, 2, 3, 4]);

    [Fact]
    public void RandomIsIdModuloRowsSplitByCounts()
    {
        // 5 rows: round(5 * 4 / 10) = 2 user rows, 3 item rows.
        var a = new RandomHashing().Build(Tiny(), 5, seed: 0);
        Assert.Equal(2, a.Users.RowCount);
        Assert.Equal(3, a.Items.RowCount);
        Assert.Equal([0, 1, 0, 1], a.Users.Codes);
        Assert.Equal([0, 1, 2, 0, 1, 2], a.Items.Codes);
        Assert.Equal(5 * 8, a.Parameters(8));
    }

    [Fact]
    public void UniversalHashIsSeededAndInRange()
    {
        var g = BaselineGraphs.Random();
        var a = new UniversalHashing().Build(g, 100, seed: 1);
        var b = new UniversalHashing().Build(g, 100, seed: 1);
        var c = new UniversalHashing().Build(g, 100, seed: 2);
        Assert.Equal(a.Users.Codes, b.Users.Codes);
        Assert.NotEqual(a.Users.CodeArray, c.Users.CodeArray);
        Assert.Equal(100, a.TotalRows);

        // Random collisions use most rows (a striped modulo would use all; a bad hash few).
        Assert.True(a.Users.RowSizes().Count(s => s > 0) > 45);
    }

    [Fact]
    public void FrequencyGivesTopHalfOwnRows()
    {
        // Users, 2 rows: 1 reserved for the most frequent (user 1), 1 shared by the rest.
        // Items, 3 rows: 1 reserved for item 1 (degree 2), the rest by id mod 2.
        var a = new FrequencyHashing().Build(Tiny(), 5, seed: 0);
        Assert.Equal([0, 1, 0, 0], a.Users.Codes);
        Assert.Equal([0, 2, 0, 1, 0, 1], a.Items.Codes);
    }

    [Fact]
    public void FrequencyTiesGoToSmallerIds()
    {
        // Items, 5 rows (of 9 total: 4 user rows = all users): 2 reserved, after the 3 shared
        // rows in frequency order: item 1 (degree 2) row 3, then item 0 (degree 1, smallest id
        // among the ties) row 4; the others by id mod 3.
        var a = new FrequencyHashing().Build(Tiny(), 9, seed: 0);
        Assert.Equal([0, 1, 2, 3], a.Users.Codes);
        Assert.Equal([4, 3, 2, 0, 1, 2], a.Items.Codes);
    }

    [Fact]
    public void DoubleHasTwoDistinctCodesSummed()
    {
        var g = BaselineGraphs.Random();
        var a = new DoubleHashing().Build(g, 60, seed: 3);
        Assert.Equal(CodeCombiner.Sum, a.Combiner);
        Assert.Equal(g.UserCount + g.ItemCount, a.ExtraIndices);
        Assert.Equal((60L * 16) + g.UserCount + g.ItemCount, a.Parameters(16));
        for (int u = 0; u < g.UserCount; u++)
        {
            var codes = a.Users.CodesOf(u);
            Assert.Equal(2, codes.Length);
            Assert.NotEqual(codes[0], codes[1]);
        }
    }

    [Fact]
    public void HybridFrequentOwnRowsRestDoubleHashed()
    {
        var a = new HybridHashing().Build(Tiny(), 5, seed: 0);

        // Users, 2 rows: user 1 owns row 1; the others double-hash into row 0 only, so both
        // codes are 0 (a one-row table cannot give two distinct rows).
        Assert.Equal([1], a.Users.CodesOf(1).ToArray());
        Assert.Equal([0, 0], a.Users.CodesOf(0).ToArray());

        // Items, 3 rows: item 1 owns row 2; the others get rows 0 and 1 in some order.
        Assert.Equal([2], a.Items.CodesOf(1).ToArray());
        foreach (int i in new[] { 0, 2, 3, 4, 5 })
        {
            Assert.Equal([0, 1], a.Items.CodesOf(i).ToArray().Order());
        }

        Assert.Equal(3 + 5, a.ExtraIndices);
    }

    [Fact]
    public void LshPutsEqualNeighbourhoodsTogetherAndIsolatedInTheColdRow()
    {
        // Users 0 and 1 have the same items, users 2 and 3 the same (other) items, user 4 none.
        var g = BipartiteGraph.FromPairs(5, 6, [0, 0, 1, 1, 2, 2, 3, 3], [0, 1, 0, 1, 4, 5, 4, 5]);
        // 8 rows: round(8 * 5 / 11) = 4 user rows, one of them cold; 2 signatures use 2.
        var a = new LshHashing().Build(g, 8, seed: 4);
        var users = a.Users.Codes;
        Assert.Equal(users[0], users[1]);
        Assert.Equal(users[2], users[3]);
        Assert.Equal(a.Users.RowCount - 1, users[4]);
        Assert.NotEqual(users[0], users[2]);
    }
}
