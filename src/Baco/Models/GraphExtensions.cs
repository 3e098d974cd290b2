using Baco.Data;
using Baco.Graph;

namespace Baco.Models;

/// <summary>Helpers to turn a training graph back into interactions (for saving).</summary>
internal static class GraphExtensions
{
    /// <summary>The graph's edges as a (user, item)-sorted interaction list.</summary>
    public static InteractionList ToInteractions(this BipartiteGraph g)
    {
        var users = new int[g.EdgeCount];
        for (int u = 0; u < g.UserCount; u++)
        {
            Array.Fill(users, u, g.UserOffsetArray[u], g.UserDegree(u));
        }

        return InteractionList.FromPairs(users, g.UserItemArray);
    }
}
