using Baco.Data;
using Baco.Graph;

namespace Baco.Tests.Graph;

public class BipartiteGraphTests
{
    [Fact]
    public void BuildsBothDirectionsSortedAndMergesDuplicates()
    {
        var g = TestGraphs.FromEdges(3, 4, (2, 1), (0, 3), (0, 1), (2, 1), (1, 0), (0, 0));
        Assert.Equal(5, g.EdgeCount);
        Assert.Equal([0, 1, 3], g.ItemsOf(0).ToArray());
        Assert.Equal([0], g.ItemsOf(1).ToArray());
        Assert.Equal([1], g.ItemsOf(2).ToArray());
        Assert.Equal([0, 1], g.UsersOf(0).ToArray());
        Assert.Equal([0, 2], g.UsersOf(1).ToArray());
        Assert.Empty(g.UsersOf(2).ToArray());
        Assert.Equal([0], g.UsersOf(3).ToArray());
        Assert.Equal(3, g.UserDegree(0));
        Assert.Equal(0, g.ItemDegree(2));
    }

    [Fact]
    public void ItemSideIsTheTransposeOfTheUserSide()
    {
        var g = TestGraphs.Planted(300, 200, 5, 6, 0.7, 3);
        var fromItems = new List<(int, int)>();
        for (int i = 0; i < g.ItemCount; i++)
        {
            var users = g.UsersOf(i);
            for (int k = 0; k < users.Length; k++)
            {
                Assert.True(k == 0 || users[k - 1] < users[k]);
                fromItems.Add((users[k], i));
            }
        }

        var fromUsers = new List<(int, int)>();
        for (int u = 0; u < g.UserCount; u++)
        {
            foreach (int i in g.ItemsOf(u))
            {
                fromUsers.Add((u, i));
            }
        }

        fromItems.Sort();
        Assert.Equal(fromUsers, fromItems);
    }

    [Fact]
    public void JointAdjacencyListsUsersThenItemsSymmetrically()
    {
        // Users 0, 1 and items 0, 1, 2 become joint nodes 0, 1 and 2, 3, 4.
        var g = TestGraphs.FromEdges(2, 3, (0, 2), (0, 0), (1, 0));
        var (offsets, columns) = g.JointAdjacency();
        Assert.Equal([0, 2, 3, 5, 5, 6], offsets);
        Assert.Equal([2, 4, 2, 0, 1, 0], columns);
    }

    [Fact]
    public void RejectsIdsOutsideTheIdSpace()
    {
        var list = InteractionList.FromPairs([0, 5], [0, 0]);
        var ex = Assert.Throws<ArgumentException>(() => BipartiteGraph.FromInteractions(3, 1, list));
        Assert.Contains("outside the id space", ex.Message);
    }
}
