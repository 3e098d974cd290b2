using Baco.Data;
using Baco.Graph;
using Baco.Numerics;

namespace Baco.Models;

/// <summary>
/// Top-K recommendation from a trained model: final embeddings computed once, items the user
/// has already seen and items with no training interaction excluded. Scores use the same kernel as evaluation, so they match it.
/// </summary>
public sealed class Recommender
{
    private readonly float[] _users;
    private readonly TopKRanker _ranker;
    private readonly BipartiteGraph _seen;
    private readonly IRecommenderModel _model;
    private readonly int[] _untrained;
    private readonly BipartiteGraph _trained;

    /// <summary>
    /// Prepares recommendations for a model; <paramref name="seen"/> lists items to exclude per
    /// user. The users trained on are LightGCN's graph; for another model they are taken to be
    /// the seen ones: give the training interactions (<see cref="Recommender(IRecommenderModel, InteractionList, InteractionList?)"/>)
    /// when the seen ones include validation interactions.
    /// </summary>
    public Recommender(IRecommenderModel model, InteractionList seen)
        : this(model, seen, null)
    {
    }

    /// <summary>
    /// Prepares recommendations for a model; <paramref name="seen"/> lists items to exclude per
    /// user and <paramref name="training"/> the interactions the model was trained on (null: LightGCN's
    /// graph, or the seen ones for another model), which decide <see cref="HasInteractions"/>.
    /// </summary>
    public Recommender(IRecommenderModel model, InteractionList seen, InteractionList? training)
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
        _trained = training is not null ? BipartiteGraph.FromInteractions(UserCount, ItemCount, training)
            : model is LightGcnModel lightGcn ? lightGcn.Graph
            : _seen;
        _untrained = [.. Enumerable.Range(0, ItemCount).Where(i => _trained.ItemDegree(i) == 0)];
    }

    /// <summary>
    /// Items with no interaction the model was trained on (see the constructors), ascending: never
    /// recommended, since their rows learnt nothing about them (an item only in the validation or
    /// test file, or an integer id inside the range that no training line holds).
    /// </summary>
    public IReadOnlyList<int> UntrainedItems => _untrained;

    /// <summary>
    /// Whether <paramref name="user"/> has interactions the model was trained on (see the
    /// constructors): false for a user of the validation data only, whose row learnt nothing
    /// about them (fold them in from <see cref="SeenItemsOf"/> instead).
    /// </summary>
    public bool HasInteractions(int user) => _trained.UserDegree(CheckedUser(user)) > 0;

    /// <summary>The items <paramref name="user"/> is excluded from being recommended (training and validation), ascending.</summary>
    public ReadOnlySpan<int> SeenItemsOf(int user) => _seen.ItemsOf(CheckedUser(user));

    /// <summary>Embedding width.</summary>
    public int Dim { get; }

    /// <summary>Users.</summary>
    public int UserCount { get; }

    /// <summary>Items.</summary>
    public int ItemCount { get; }

    /// <summary>
    /// The k best unseen items for a user, best first (ties: lower item id first). A user with no
    /// training interaction (<see cref="HasInteractions"/> false) is scored from a row trained on
    /// others or from an initial embedding: check first, as <c>baco recommend</c> does, or fold the
    /// user in from their items (<see cref="RecommendNewUser"/>).
    /// </summary>
    public IReadOnlyList<Recommendation> Recommend(int user, int k)
    {
        CheckedUser(user);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var embedding = _users.AsSpan(user * Dim, Dim).ToArray();
        return Rank(embedding, Math.Min(k, ItemCount), _seen.ItemsOf(user));
    }

    /// <summary>
    /// Folds in a user the model does not know, who interacted with <paramref name="items"/>
    /// (dense ids): <paramref name="assigner"/> gives the user's rows by the assignment's own rule,
    /// the model embeds them as it embeds its users (<see cref="IRecommenderModel.FoldInUser"/>),
    /// and the k best items other than <paramref name="items"/> are returned. The assigner must be
    /// built on the model's assignment (<see cref="ArgumentException"/> for one of another method,
    /// row count or entity count).
    /// </summary>
    public IReadOnlyList<Recommendation> RecommendNewUser(Baco.Assignment.IncrementalAssigner assigner, ReadOnlySpan<int> items, int k)
    {
        ArgumentNullException.ThrowIfNull(assigner);

        // Rows of another assignment would index this model's codebook as if they were its own.
        var own = _model.Assignment;
        var theirs = assigner.Known;
        if (!ReferenceEquals(own, theirs) && (theirs.Method != own.Method || theirs.Users.RowCount != own.Users.RowCount || theirs.Items.RowCount != own.Items.RowCount
            || theirs.Users.EntityCount != own.Users.EntityCount || theirs.Items.EntityCount != own.Items.EntityCount))
        {
            throw new ArgumentException(
                $"The assigner places users in another assignment ('{theirs.Method}', {theirs.Users.RowCount} + {theirs.Items.RowCount} rows over {theirs.Users.EntityCount} users and {theirs.Items.EntityCount} items) than this model's ('{own.Method}', {own.Users.RowCount} + {own.Items.RowCount} rows over {own.Users.EntityCount} and {own.Items.EntityCount}).",
                nameof(assigner));
        }

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
        return Rank(user, Math.Min(k, ItemCount), distinct);
    }

    // The range check of every method that takes a user; the exception names the parameter "user".
    private int CheckedUser(int user)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, UserCount);
        return user;
    }

    /// <summary>The k best items for one user's embedding, excluding <paramref name="seen"/> (ascending) and the untrained items.</summary>
    private Recommendation[] Rank(float[] user, int k, ReadOnlySpan<int> seen)
    {
        int[] exclude = [.. seen, .. _untrained];
        Array.Sort(exclude);
        var items = new int[k];
        var scores = new float[k];
        var counts = new int[1];
        _ranker.Rank(user, [0], k, [0, exclude.Length], exclude, items, counts, scores);
        var result = new Recommendation[counts[0]];
        for (int j = 0; j < result.Length; j++)
        {
            result[j] = new Recommendation(items[j], scores[j]);
        }

        return result;
    }
}
