using Baco.Data;
using Baco.Graph;
using Baco.Internals;

namespace Baco.Models;

/// <summary>
/// Top-K recommendation from a trained model: final embeddings computed once, items the user
/// has already seen excluded. Scores use the same kernel as evaluation, so they match it.
/// </summary>
public sealed class Recommender
{
    private readonly float[] _users;
    private readonly TopKRanker _ranker;
    private readonly BipartiteGraph _seen;

    /// <summary>Prepares recommendations for a model; <paramref name="seen"/> lists items to exclude per user.</summary>
    public Recommender(IRecommenderModel model, InteractionList seen)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seen);
        Dim = model.Dim;
        UserCount = model.UserCount;
        ItemCount = model.ItemCount;
        _users = new float[UserCount * Dim];
        var items = new float[ItemCount * Dim];
        model.ComputeEmbeddings(_users, items);
        _ranker = new TopKRanker(items, ItemCount, Dim);
        _seen = BipartiteGraph.FromInteractions(UserCount, ItemCount, seen);
    }

    /// <summary>Embedding width.</summary>
    public int Dim { get; }

    /// <summary>Users.</summary>
    public int UserCount { get; }

    /// <summary>Items.</summary>
    public int ItemCount { get; }

    /// <summary>The k best unseen items for a user, best first (ties: lower item id first).</summary>
    public IReadOnlyList<Recommendation> Recommend(int user, int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)user, (uint)UserCount, nameof(user));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        k = Math.Min(k, ItemCount);
        var items = new int[k];
        var scores = new float[k];
        var counts = new int[1];
        _ranker.Rank(_users, [user], k, _seen.UserOffsets, _seen.UserItems, items, counts, scores);
        var result = new Recommendation[counts[0]];
        for (int j = 0; j < result.Length; j++)
        {
            result[j] = new Recommendation(items[j], scores[j]);
        }

        return result;
    }
}
