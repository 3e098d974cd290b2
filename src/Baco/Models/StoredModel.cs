using Baco.Assignment;
using Baco.Data;

namespace Baco.Models;

/// <summary>What <see cref="ModelStore.Load"/> returns.</summary>
/// <param name="Model">The model, with its trained codebooks.</param>
/// <param name="Seen">Interactions to exclude when recommending (training and validation).</param>
/// <param name="Config">The saved config.json.</param>
/// <param name="Assignment">The assignment with the original user and item ids.</param>
public sealed record StoredModel(IRecommenderModel Model, InteractionList Seen, ModelConfig Config, StoredAssignment Assignment)
{
    /// <summary>
    /// The interactions the model was trained on (LightGCN's graph), or null for a model of
    /// another kind saved without them: give them to <see cref="Recommender(IRecommenderModel, InteractionList, InteractionList?)"/>.
    /// </summary>
    public InteractionList? Training { get; init; }
}
