namespace Baco.Clustering.Community;

/// <summary>Node labels of a joint user-item node space, split by side.</summary>
internal static class DenseLabels
{
    /// <summary>Splits node labels of a level-0 <see cref="CoGraph"/> into user and item labels.</summary>
    public static (int[] Users, int[] Items) Split(int[] nodeLabels, int userCount)
        => (nodeLabels[..userCount], nodeLabels[userCount..]);
}
