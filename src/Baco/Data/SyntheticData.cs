namespace Baco.Data;

/// <summary>A generated dataset with the co-cluster labels it was planted from.</summary>
/// <param name="Dataset">Train / validation / test interactions (identity id maps).</param>
/// <param name="UserClusters">Planted cluster of each user.</param>
/// <param name="ItemClusters">Planted cluster of each item.</param>
public sealed record SyntheticData(Dataset Dataset, int[] UserClusters, int[] ItemClusters);
