using Baco.Codebooks;

namespace Baco.Tests.Codebooks;

public sealed class SideAssignmentTests
{
    [Fact]
    public void EntitiesPerRowInvertsTheCodes()
    {
        // Entity 0 uses rows 0 and 2, entity 1 row 1, entity 2 rows 1 and 2, entity 3 row 0; row 3 is unused.
        var side = new SideAssignment(4, [0, 2, 1, 1, 2, 0], [0, 2, 3, 5, 6]);

        int[][] rows = side.EntitiesPerRow();

        Assert.Equal([[0, 3], [1, 2], [0, 2], []], rows);
        Assert.Equal(side.RowSizes(), rows.Select(r => r.Length));
        for (int r = 0; r < rows.Length; r++)
        {
            Assert.All(rows[r], e => Assert.Contains(r, side.CodesOf(e).ToArray()));
        }
    }
}
