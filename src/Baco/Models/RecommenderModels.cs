using Baco.Codebooks;
using Baco.Graph;

using Baco.Randomness;

namespace Baco.Models;

/// <summary>Creates backbones with seeded codebooks.</summary>
public static class RecommenderModels
{
    /// <summary>
    /// Creates a model with freshly initialised codebooks. The user codebook is drawn first, then
    /// the item codebook, from one generator seeded by <paramref name="seed"/>.
    /// <paramref name="normalStd"/> is the standard deviation of <see cref="EmbeddingInit.Normal"/>
    /// (0.1, LightGCN's; 1.0 is PyTorch's nn.Embedding default, which the BACO authors' code keeps).
    /// </summary>
    public static IRecommenderModel Create(ModelKind kind, CodebookAssignment assignment, BipartiteGraph graph, int dim, int layers, ulong seed, EmbeddingInit init = EmbeddingInit.Normal, double normalStd = 0.1)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var rng = Xoshiro256.ForStream(seed, StreamTag.ModelInitialisation);
        var user = new float[assignment.Users.RowCount * dim];
        var item = new float[assignment.Items.RowCount * dim];
        CompressedEmbedding.Initialize(user, assignment.Users.RowCount, dim, init, normalStd, rng);
        CompressedEmbedding.Initialize(item, assignment.Items.RowCount, dim, init, normalStd, rng);
        return FromCodebooks(kind, assignment, graph, dim, layers, user, item);
    }

    /// <summary><see cref="Create"/>, with the training protocol the library's trainer drives.</summary>
    internal static ITrainableModel CreateTrainable(ModelKind kind, CodebookAssignment assignment, BipartiteGraph graph, int dim, int layers, ulong seed, EmbeddingInit init = EmbeddingInit.Normal, double normalStd = 0.1)

        // Every model the library creates derives from EmbeddingModelBase, which is trainable.
        => (ITrainableModel)Create(kind, assignment, graph, dim, layers, seed, init, normalStd);

    /// <summary>Creates a model around existing codebooks (not copied).</summary>
    public static IRecommenderModel FromCodebooks(ModelKind kind, CodebookAssignment assignment, BipartiteGraph graph, int dim, int layers, float[] userCodebook, float[] itemCodebook)
        => kind switch
        {
            ModelKind.LightGcn => new LightGcnModel(assignment, graph, layers, dim, userCodebook, itemCodebook),
            ModelKind.MatrixFactorization => new MatrixFactorizationModel(assignment, dim, userCodebook, itemCodebook),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
}
