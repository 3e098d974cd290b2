using Baco.Data;
using Baco.Graph;
using Baco.Numerics;

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
    private readonly IRecommenderModel _model;

    /// <summary>Prepares recommendations for a model; <paramref name="seen"/> lists items to exclude per user.</summary>
    public Recommender(IRecommenderModel model, InteractionList seen)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seen);
        _model = model;
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
        return Rank(_users, user, k, _seen.UserOffsetArray, _seen.UserItemArray);
    }

    /// <summary>
    /// Folds in a user the model does not know, who interacted with <paramref name="items"/>
    /// (dense ids): <paramref name="assigner"/> gives the user's rows by the assignment's own rule,
    /// the model embeds them as it embeds its users (<see cref="IRecommenderModel.FoldInUser"/>),
    /// and the k best items other than <paramref name="items"/> are returned.
    /// </summary>
    public IReadOnlyList<Recommendation> RecommendNewUser(Baco.Assignment.IncrementalAssigner assigner, ReadOnlySpan<int> items, int k)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        var placement = assigner.PlaceUser(UserCount, items);
        return RecommendFolded(placement.Codes, items, k);
    }

    /// <summary>The k best items, other than <paramref name="items"/>, for a user with codebook rows <paramref name="codes"/> and those items.</summary>
    public IReadOnlyList<Recommendation> RecommendFolded(ReadOnlySpan<int> codes, ReadOnlySpan<int> items, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        int[] distinct = [.. items];
        Array.Sort(distinct);
        distinct = [.. distinct.Distinct()];
        var user = new float[Dim];
        _model.FoldInUser(codes, distinct, user);
        return Rank(user, 0, Math.Min(k, ItemCount), [0, distinct.Length], distinct);
    }

    private Recommendation[] Rank(float[] users, int user, int k, int[] excludeOffsets, int[] excludeItems)
    {
        var items = new int[k];
        var scores = new float[k];
        var counts = new int[1];
        _ranker.Rank(users, [user], k, excludeOffsets, excludeItems, items, counts, scores);
        var result = new Recommendation[counts[0]];
        for (int j = 0; j < result.Length; j++)
        {
            result[j] = new Recommendation(items[j], scores[j]);
        }

        return result;
    }
}
