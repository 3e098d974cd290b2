namespace Baco.Data;

/// <summary>
/// Draws one (user, item) pair of the planted co-cluster model as a packed key: user by activity
/// weight, then item from the user's cluster (with the in-cluster probability) or from all items,
/// by popularity weight. Per-cluster alias tables share one pair of arrays.
/// </summary>
internal sealed class PlantedSampler
{
    private readonly int[] _userClusters;
    private readonly double _inCluster;
    private readonly float[] _userProb;
    private readonly int[] _userAlias;
    private readonly float[] _itemProb;
    private readonly int[] _itemAlias;
    private readonly int[] _clusterStart;
    private readonly int[] _clusterItems;
    private readonly float[] _clusterProb;
    private readonly int[] _clusterAlias;

    public PlantedSampler(int[] userClusters, int[] itemClusters, double[] userWeights, double[] itemWeights, int clusters, double inCluster)
    {
        _userClusters = userClusters;
        _inCluster = inCluster;
        (_userProb, _userAlias) = Table(userWeights);
        (_itemProb, _itemAlias) = Table(itemWeights);

        // Items grouped by cluster (counting sort), each group with its own alias table.
        _clusterStart = new int[clusters + 1];
        foreach (int c in itemClusters)
        {
            _clusterStart[c + 1]++;
        }

        for (int c = 0; c < clusters; c++)
        {
            _clusterStart[c + 1] += _clusterStart[c];
        }

        _clusterItems = new int[itemClusters.Length];
        var next = _clusterStart[..^1];
        for (int i = 0; i < itemClusters.Length; i++)
        {
            _clusterItems[next[itemClusters[i]]++] = i;
        }

        _clusterProb = new float[itemClusters.Length];
        _clusterAlias = new int[itemClusters.Length];
        for (int c = 0; c < clusters; c++)
        {
            int a = _clusterStart[c], b = _clusterStart[c + 1];
            var w = new double[b - a];
            for (int k = a; k < b; k++)
            {
                w[k - a] = itemWeights[_clusterItems[k]];
            }

            AliasTable.Build(w, _clusterProb.AsSpan(a, b - a), _clusterAlias.AsSpan(a, b - a));
        }
    }

    public long Next(ref SplitRandom rng)
    {
        int user = AliasTable.Sample(_userProb, _userAlias, ref rng);
        int item;
        if (rng.NextDouble() < _inCluster)
        {
            int c = _userClusters[user];
            int a = _clusterStart[c], n = _clusterStart[c + 1] - a;
            item = _clusterItems[a + AliasTable.Sample(_clusterProb.AsSpan(a, n), _clusterAlias.AsSpan(a, n), ref rng)];
        }
        else
        {
            item = AliasTable.Sample(_itemProb, _itemAlias, ref rng);
        }

        return ((long)user << 32) | (uint)item;
    }

    private static (float[] Prob, int[] Alias) Table(double[] weights)
    {
        var prob = new float[weights.Length];
        var alias = new int[weights.Length];
        AliasTable.Build(weights, prob, alias);
        return (prob, alias);
    }
}
