using Baco.Randomness;

namespace Baco.Data;

/// <summary>
/// Draws the items of a user in the planted co-cluster model: from the user's cluster with the
/// in-cluster probability, otherwise from all items, by popularity weight. Per-cluster alias
/// tables share one pair of arrays.
/// </summary>
internal sealed class PlantedSampler
{
    private readonly int[] _userClusters;
    private readonly double _inCluster;
    private readonly float[] _itemProb;
    private readonly int[] _itemAlias;
    private readonly int[] _clusterStart;
    private readonly int[] _clusterItems;
    private readonly float[] _clusterProb;
    private readonly int[] _clusterAlias;

    public PlantedSampler(int[] userClusters, int[] itemClusters, double[] itemWeights, int clusters, double inCluster)
    {
        _userClusters = userClusters;
        _inCluster = inCluster;
        _itemProb = new float[itemWeights.Length];
        _itemAlias = new int[itemWeights.Length];
        AliasTable.Build(itemWeights, _itemProb, _itemAlias);

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

    public int ItemCount => _itemProb.Length;

    public int NextItem(int user, Xoshiro256 rng)
    {
        int item;
        if (rng.NextDouble() < _inCluster)
        {
            int c = _userClusters[user];
            int a = _clusterStart[c], n = _clusterStart[c + 1] - a;
            item = _clusterItems[a + AliasTable.Sample(_clusterProb.AsSpan(a, n), _clusterAlias.AsSpan(a, n), rng)];
        }
        else
        {
            item = AliasTable.Sample(_itemProb, _itemAlias, rng);
        }

        return item;
    }
}
