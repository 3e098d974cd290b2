using Baco.Clustering;

namespace Baco.Tests.Clustering;

public class ClusterDiagnosticsTests
{
    [Fact]
    public void GiniOfEqualSizesIsZero() => Assert.Equal(0, ClusterDiagnostics.Gini([3, 3, 3, 3]), 12);

    [Fact]
    public void GiniHandComputed()
    {
        // Sizes 1, 3: (2/2) * [(1/2 - 1/4) + (2/2 - 4/4)] = 0.25.
        Assert.Equal(0.25, ClusterDiagnostics.Gini([3, 1]), 12);
        // Sizes 0, 0, 0, 4: (2/4) * [(1/4) + (2/4) + (3/4) + 0] = 0.75.
        Assert.Equal(0.75, ClusterDiagnostics.Gini([0, 4, 0, 0]), 12);
    }

    [Fact]
    public void CoClusterSizesCountUsersAndItemsPerLabel()
    {
        int[] sizes = ClusterDiagnostics.CoClusterSizes([0, 0, 3], [3, 4], 5);
        Assert.Equal([2, 2, 1], sizes);
    }

    [Fact]
    public void AcclIsCrossLinksOverPairs()
    {
        // Co-clusters {u0, i0}, {u1, i1}, {u2}: edges u0-i0 inside; u0-i1, u2-i0, u2-i1 cross. 3 / C(3,2) = 1.
        var g = TestGraphs.FromEdges(3, 2, (0, 0), (0, 1), (2, 0), (2, 1));
        Assert.Equal(1.0, ClusterDiagnostics.Accl(g, [0, 1, 2], [0, 1], 3), 12);
        Assert.Equal(0, ClusterDiagnostics.Accl(g, [0, 0, 0], [0, 0], 1));
    }
}
