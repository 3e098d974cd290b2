namespace Baco.Evaluation;

/// <summary>
/// Full-ranking metrics averaged over evaluated users (those with at least one relevant item).
/// Arrays are aligned with <see cref="Ks"/>; values are fractions (0..1), not percentages.
/// </summary>
/// <param name="Ks">Cut-offs, ascending (default 10, 20, 50).</param>
/// <param name="Recall">Recall@K as in the BACO paper: hits / min(K, |relevant|).</param>
/// <param name="RecallUncapped">Recall@K as in LightGCN's code: hits / |relevant|.</param>
/// <param name="Ndcg">NDCG@K, binary relevance, ideal DCG over min(K, |relevant|) hits.</param>
/// <param name="UsersEvaluated">Users averaged over.</param>
/// <param name="UsersWithoutRelevant">Users left out because they have no relevant item.</param>
public sealed record RankingMetrics(int[] Ks, double[] Recall, double[] RecallUncapped, double[] Ndcg, int UsersEvaluated, int UsersWithoutRelevant)
{
    /// <summary>Recall@k (paper definition); throws if k was not evaluated.</summary>
    public double RecallAt(int k) => Recall[IndexOf(k)];

    /// <summary>Recall@k with the uncapped (LightGCN) denominator.</summary>
    public double RecallUncappedAt(int k) => RecallUncapped[IndexOf(k)];

    /// <summary>NDCG@k.</summary>
    public double NdcgAt(int k) => Ndcg[IndexOf(k)];

    /// <summary>One line, percentages: "R@10 7.61 N@10 4.80 ...".</summary>
    public string Summary()
    {
        var parts = new List<string>();
        for (int j = 0; j < Ks.Length; j++)
        {
            parts.Add(FormattableString.Invariant($"R@{Ks[j]} {Recall[j] * 100:F3} N@{Ks[j]} {Ndcg[j] * 100:F3}"));
        }

        return string.Join("  ", parts);
    }

    private int IndexOf(int k)
    {
        int j = Array.IndexOf(Ks, k);
        return j >= 0 ? j : throw new ArgumentOutOfRangeException(nameof(k), $"K={k} was not evaluated.");
    }
}
