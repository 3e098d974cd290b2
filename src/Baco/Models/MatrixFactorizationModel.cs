using Baco.Codebooks;
using Baco.Numerics;

namespace Baco.Models;

/// <summary>
/// Matrix factorisation over compressed tables: final embedding = looked-up embedding, score =
/// dot product. Forward and backward touch only the batch's rows.
/// </summary>
public sealed class MatrixFactorizationModel : EmbeddingModelBase
{
    /// <summary>Creates the model around the given codebooks (not copied).</summary>
    public MatrixFactorizationModel(CodebookAssignment assignment, int dim, float[] userCodebook, float[] itemCodebook)
        : base(assignment, dim, userCodebook, itemCodebook)
    {
    }

    /// <inheritdoc/>
    public override ModelKind Kind => ModelKind.MatrixFactorization;

    /// <inheritdoc/>
    public override void ComputeEmbeddings(Span<float> users, Span<float> items)
    {
        UserTable.LookupAll(EgoBuffer, 0);
        ItemTable.LookupAll(EgoBuffer, ItemOffset);
        EgoBuffer.AsSpan(0, ItemOffset).CopyTo(users);
        EgoBuffer.AsSpan(ItemOffset).CopyTo(items);
    }

    /// <inheritdoc/>
    private protected override void ForwardCore()
    {
        UserTable.LookupRows(UserRows, EgoBuffer, 0);
        ItemTable.LookupRows(ItemRows, EgoBuffer, ItemOffset);
        foreach (int u in UserRows)
        {
            Array.Copy(EgoBuffer, u * Dim, FinalBuffer, u * Dim, Dim);
        }

        foreach (int i in ItemRows)
        {
            Array.Copy(EgoBuffer, ItemOffset + (i * Dim), FinalBuffer, ItemOffset + (i * Dim), Dim);
        }
    }

    /// <inheritdoc/>
    private protected override void BackwardCore()
    {
        // Final = ego, so both gradients add up on the ego rows.
        foreach (int u in UserRows)
        {
            VectorMath.Axpy(1f, EgoGradBuffer.AsSpan(u * Dim, Dim), FinalGradBuffer.AsSpan(u * Dim, Dim));
        }

        foreach (int i in ItemRows)
        {
            int o = ItemOffset + (i * Dim);
            VectorMath.Axpy(1f, EgoGradBuffer.AsSpan(o, Dim), FinalGradBuffer.AsSpan(o, Dim));
        }

        UserTable.GradientRows(UserRows, FinalGradBuffer, 0, Gradients[0]);
        ItemTable.GradientRows(ItemRows, FinalGradBuffer, ItemOffset, Gradients[1]);
    }
}
