namespace Baco.Models;

/// <summary>
/// The training protocol of a model, for the library's trainer and gradient checks only.
/// Embeddings live in one node space: users 0..UserCount-1 then items, each row Dim floats.
/// <see cref="Forward"/> the batch's distinct users and items, read <see cref="Final"/> /
/// <see cref="Ego"/> at those rows, add loss gradients into <see cref="FinalGradient"/> /
/// <see cref="EgoGradient"/> at the same rows, then <see cref="Backward"/> fills
/// <see cref="Gradients"/> and clears the gradient inputs.
/// </summary>
internal interface ITrainableModel : IRecommenderModel
{
    /// <summary>Gradients of <see cref="IRecommenderModel.Parameters"/> after <see cref="Backward"/> (same shapes).</summary>
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
}
