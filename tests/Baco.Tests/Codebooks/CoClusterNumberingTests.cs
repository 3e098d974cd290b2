using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Tests.Codebooks;

public sealed class CoClusterNumberingTests
{
    // Users 0..3, items 0..2; user 3 and item 2 have no interaction.
    private static readonly BipartiteGraph Graph = BipartiteGraph.FromPairs(4, 3, [0, 1, 1, 2], [0, 0, 1, 1]);

    [Theory]
    [InlineData(7, 9)]
    [InlineData(1_000_000_007, 2_000_000_011)] // labels too large for an array: the dictionary path numbers the same
    public void RowsFollowFirstAppearanceLinksJoinALabelsRowsAndIsolatedEntitiesShareTheColdRow(int a, int b)
    {
        // Users 0, 1 in label a; user 2 in label b; item 0 in a, item 1 in b; user 3 and item 2 isolated.
        int[] users = [a, a, b, b];
        int[] items = [a, b, a];
        var assignment = CoClusterNumbering.Build("m", Graph, users, items);

        Assert.Equal([0, 0, 1, 2], assignment.Users.Codes);
        Assert.Equal([0, 1, 2], assignment.Items.Codes);
        Assert.Equal(3, assignment.Users.RowCount);
        Assert.Equal(3, assignment.Items.RowCount);
        Assert.Equal(2, assignment.UserColdRow);
        Assert.Equal(2, assignment.ItemColdRow);
        Assert.Equal([0, 1, -1], assignment.ItemRowOfUserRow!);
    }

    [Fact]
    public void WithoutASharedColdRowIsolatedEntitiesKeepTheirLabelsRow()
    {
        var assignment = CoClusterNumbering.Build("m", Graph, [5, 5, 6, 6], [5, 6, 8], sharedColdRow: false);
        Assert.Equal([0, 0, 1, 1], assignment.Users.Codes);
        Assert.Equal([0, 1, 2], assignment.Items.Codes);
        Assert.Equal(-1, assignment.UserColdRow);
        Assert.Equal(-1, assignment.ItemColdRow);
    }

    [Fact]
    public void ASecondaryLabelBecomesTheUsersSecondCodeAmongUserRows()
    {
        var assignment = CoClusterNumbering.Build("baco", Graph, [4, 4, 9, 9], [4, 9, 4], [9, -1, 4, -1]);
        Assert.Equal([0, 1], assignment.Users.CodesOf(0).ToArray());
        Assert.Equal([0], assignment.Users.CodesOf(1).ToArray());
        Assert.Equal([1, 0], assignment.Users.CodesOf(2).ToArray());
        Assert.Equal([2], assignment.Users.CodesOf(3).ToArray());
    }

    [Fact]
    public void DenseRenumbersInOrderOfFirstAppearance()
    {
        Assert.Equal([0, 1, 0, 2, 1], CoClusterNumbering.Dense([42, -3, 42, 7, -3], out int count));
        Assert.Equal(3, count);
    }
}
