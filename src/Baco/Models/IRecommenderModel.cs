using Baco.Codebooks;

namespace Baco.Models;

/// <summary>
/// A recommender over compressed (or full) embedding tables: its codebooks and the final
/// embeddings of its users and items, and of a user it has not seen. Training drives it through
/// the library's internal training protocol.
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
