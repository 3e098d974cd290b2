using Baco.Codebooks;

namespace Baco.Models;

/// <summary>
/// A trainable recommender over compressed (or full) embedding tables. Embeddings live in one
/// node space: users 0..UserCount-1 then items, each row Dim floats; spans below use that layout.
/// Training protocol: <see cref="Forward"/> the batch's distinct users and items, read
/// <see cref="Final"/> / <see cref="Ego"/> at those rows, add loss gradients into
/// <see cref="FinalGradient"/> / <see cref="EgoGradient"/> at the same rows, then
/// <see cref="Backward"/> fills <see cref="Gradients"/> and clears the gradient inputs.
/// </summary>
public interface IRecommenderModel
{
    /// <summary>Backbone.</summary>
    ModelKind Kind { get; }

    /// <summary>Embedding width.</summary>
    int Dim { get; }

    /// <summary>Propagation layers (0 for MF).</summary>
    int Layers { get; }

    /// <summary>Number of users.</summary>
    int UserCount { get; }

    /// <summary>Number of items.</summary>
    int ItemCount { get; }

    /// <summary>The embedding structure (which codebook rows each entity uses).</summary>
    CodebookAssignment Assignment { get; }

    /// <summary>Trainable parameters: user codebook then item codebook, each rows x Dim row-major.</summary>
    IReadOnlyList<float[]> Parameters { get; }

    /// <summary>Gradients of <see cref="Parameters"/> after <see cref="Backward"/> (same shapes).</summary>
    IReadOnlyList<float[]> Gradients { get; }

    /// <summary>Final embeddings (node space); valid at the rows of the last <see cref="Forward"/>.</summary>
    Span<float> Final { get; }

    /// <summary>Layer-0 (looked-up) embeddings (node space); valid at least at the last forward's rows.</summary>
    Span<float> Ego { get; }

    /// <summary>Gradient of the loss with respect to <see cref="Final"/>; the caller adds into it.</summary>
    Span<float> FinalGradient { get; }

    /// <summary>Gradient of the loss with respect to <see cref="Ego"/> (e.g. L2 regularisation); the caller adds into it.</summary>
    Span<float> EgoGradient { get; }

    /// <summary>Computes final embeddings of the given distinct users and items (item ids 0-based).</summary>
    void Forward(ReadOnlySpan<int> users, ReadOnlySpan<int> items);

    /// <summary>Backpropagates the gradients at the last forward's rows into <see cref="Gradients"/>, then zeroes them.</summary>
    void Backward();

    /// <summary>Final embeddings of all users (UserCount x Dim) and items (ItemCount x Dim).</summary>
    void ComputeEmbeddings(Span<float> users, Span<float> items);

    /// <summary>
    /// The final embedding of a user who is not in the model, from the user's codebook rows
    /// <paramref name="codes"/> and known items <paramref name="items"/> (distinct, dense ids),
    /// computed as the model computes a user's: MF combines the rows; LightGCN propagates from
    /// the items' layer embeddings with the training graph unchanged (docs/METHOD.md, "Folding
    /// in a new user").
    /// </summary>
    void FoldInUser(ReadOnlySpan<int> codes, ReadOnlySpan<int> items, Span<float> final);
}
