using Baco.Data;
using Baco.Graph;
using Baco.Models;

using Baco.Numerics;

namespace Baco.Evaluation;

/// <summary>
/// Full-ranking evaluation against one set of relevant interactions (validation or test), with
/// the given interactions masked (training, and validation at test time). Build once, call
/// <see cref="Evaluate(IRecommenderModel)"/> as often as needed.
/// </summary>
public sealed class Evaluator
{
    // Per user and cut-off: recall, uncapped recall, NDCG.
    private const int Fields = 3;

    private readonly int[] _relOffsets;
    private readonly int[] _relItems;
    private readonly int[] _exOffsets;
    private readonly int[] _exItems;
    private readonly int[] _users;

    /// <summary>Prepares the relevant and masked item lists of every user.</summary>
    /// <param name="userCount">Users in the id space.</param>
    /// <param name="itemCount">Items in the id space (all are ranked).</param>
    /// <param name="relevant">Held-out interactions to find (e.g. the test split).</param>
    /// <param name="excluded">Interactions to mask from the ranking (e.g. train, and validation at test time).</param>
    /// <param name="ks">Cut-offs; default 10, 20, 50.</param>
    public Evaluator(int userCount, int itemCount, InteractionList relevant, IEnumerable<InteractionList> excluded, IReadOnlyList<int>? ks = null)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentNullException.ThrowIfNull(excluded);
        UserCount = userCount;
        ItemCount = itemCount;
        Ks = [.. (ks ?? DefaultKs).Order()];
        if (Ks.Length == 0 || Ks[0] <= 0)
        {
            throw new ArgumentException("Cut-offs must be positive.", nameof(ks));
        }

        var rel = BipartiteGraph.FromInteractions(userCount, itemCount, relevant);
        _relOffsets = rel.UserOffsetArray;
        _relItems = rel.UserItemArray;

        var us = new List<int>();
        var its = new List<int>();
        foreach (var list in excluded)
        {
            us.AddRange(list.Users);
            its.AddRange(list.Items);
        }

        var ex = BipartiteGraph.FromPairs(userCount, itemCount, us.ToArray(), its.ToArray());
        _exOffsets = ex.UserOffsetArray;
        _exItems = ex.UserItemArray;

        var users = new List<int>();
        for (int u = 0; u < userCount; u++)
        {
            if (_relOffsets[u + 1] > _relOffsets[u])
            {
                users.Add(u);
            }
        }

        _users = [.. users];
    }

    /// <summary>The paper's cut-offs: 10, 20, 50.</summary>
    public static IReadOnlyList<int> DefaultKs { get; } = [10, 20, 50];

    /// <summary>Cut-offs, ascending.</summary>
    public int[] Ks { get; }

    /// <summary>Users in the id space.</summary>
    public int UserCount { get; }

    /// <summary>Items in the id space.</summary>
    public int ItemCount { get; }

    /// <summary>Number of users with at least one relevant item.</summary>
    public int EvaluatedUserCount => _users.Length;

    /// <summary>Evaluates a model's final embeddings.</summary>
    public RankingMetrics Evaluate(IRecommenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var users = new float[model.UserCount * model.Dim];
        var items = new float[model.ItemCount * model.Dim];
        model.ComputeEmbeddings(users, items);
        return Evaluate(users, items, model.Dim);
    }

    /// <summary>Evaluates embeddings given as row-major matrices (UserCount x dim, ItemCount x dim).</summary>
    public RankingMetrics Evaluate(float[] userEmbeddings, float[] itemEmbeddings, int dim)
    {
        ArgumentNullException.ThrowIfNull(userEmbeddings);
        ArgumentNullException.ThrowIfNull(itemEmbeddings);
        if (userEmbeddings.Length != UserCount * dim || itemEmbeddings.Length != ItemCount * dim)
        {
            throw new ArgumentException("Embedding matrices do not match the id space and dim.");
        }

        int maxK = Ks[^1];
        var ranker = new TopKRanker(itemEmbeddings, ItemCount, dim);
        var top = new int[_users.Length * maxK];
        var counts = new int[_users.Length];
        ranker.Rank(userEmbeddings, _users, maxK, _exOffsets, _exItems, top, counts);
        return FromRankings(top, counts, maxK);
    }

    /// <summary>Metrics of given ranked lists (row idx belongs to the idx-th evaluated user); used by tests.</summary>
    internal RankingMetrics FromRankings(int[] top, int[] counts, int stride)
    {
        int nk = Ks.Length;
        var perUser = new double[_users.Length * nk * Fields];
        BlockParallel.For(_users.Length, 256, (from, to) =>
        {
            for (int idx = from; idx < to; idx++)
            {
                UserMetrics(idx, top.AsSpan(idx * stride, counts[idx]), perUser.AsSpan(idx * nk * Fields, nk * Fields));
            }
        });

        // Averages in user order, so the result does not depend on the blocks.
        var sums = new double[nk * Fields];
        for (int idx = 0; idx < _users.Length; idx++)
        {
            for (int j = 0; j < sums.Length; j++)
            {
                sums[j] += perUser[(idx * nk * Fields) + j];
            }
        }

        double n = Math.Max(1, _users.Length);
        var recall = new double[nk];
        var uncapped = new double[nk];
        var ndcg = new double[nk];
        for (int j = 0; j < nk; j++)
        {
            recall[j] = sums[(j * Fields) + 0] / n;
            uncapped[j] = sums[(j * Fields) + 1] / n;
            ndcg[j] = sums[(j * Fields) + 2] / n;
        }

        return new RankingMetrics([.. Ks], recall, uncapped, ndcg, _users.Length, UserCount - _users.Length);
    }

    private void UserMetrics(int idx, ReadOnlySpan<int> ranked, Span<double> dst)
    {
        int u = _users[idx];
        var rel = _relItems.AsSpan(_relOffsets[u], _relOffsets[u + 1] - _relOffsets[u]);
        int hits = 0;
        double dcg = 0;
        int pos = 0;
        for (int j = 0; j < Ks.Length; j++)
        {
            int k = Ks[j];
            for (; pos < k && pos < ranked.Length; pos++)
            {
                if (rel.BinarySearch(ranked[pos]) >= 0)
                {
                    hits++;
                    dcg += 1.0 / Math.Log2(pos + 2);
                }
            }

            int ideal = Math.Min(k, rel.Length);
            double idcg = 0;
            for (int p = 0; p < ideal; p++)
            {
                idcg += 1.0 / Math.Log2(p + 2);
            }

            dst[(j * Fields) + 0] = (double)hits / ideal;
            dst[(j * Fields) + 1] = (double)hits / rel.Length;
            dst[(j * Fields) + 2] = dcg / idcg;
        }
    }
}
