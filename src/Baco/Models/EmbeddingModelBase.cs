using Baco.Codebooks;

namespace Baco.Models;

/// <summary>Shared state of the backbones: the two compressed tables and node-space work buffers.</summary>
public abstract class EmbeddingModelBase : ITrainableModel
{
    private readonly float[][] _parameters;
    private readonly float[][] _gradients;
    private int[] _userRows = [];
    private int[] _itemRows = [];

    /// <summary>Creates the buffers around the given codebooks (not copied).</summary>
    private protected EmbeddingModelBase(CodebookAssignment assignment, int dim, float[] userCodebook, float[] itemCodebook)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        Assignment = assignment;
        Dim = dim;
        UserTable = new CompressedEmbedding(assignment.Users, assignment.Combiner, dim, userCodebook);
        ItemTable = new CompressedEmbedding(assignment.Items, assignment.Combiner, dim, itemCodebook);
        long nodes = (long)UserCount + ItemCount;
        if (nodes * dim > Array.MaxLength)
        {
            throw new ArgumentException("Embedding tables too large for one array.");
        }

        int size = (int)(nodes * dim);
        EgoBuffer = new float[size];
        FinalBuffer = new float[size];
        FinalGradBuffer = new float[size];
        EgoGradBuffer = new float[size];
        _parameters = [userCodebook, itemCodebook];
        _gradients = [new float[userCodebook.Length], new float[itemCodebook.Length]];
    }

    /// <inheritdoc/>
    public abstract ModelKind Kind { get; }

    /// <inheritdoc/>
    public virtual int Layers => 0;

    /// <inheritdoc/>
    public int Dim { get; }

    /// <inheritdoc/>
    public int UserCount => Assignment.Users.EntityCount;

    /// <inheritdoc/>
    public int ItemCount => Assignment.Items.EntityCount;

    /// <inheritdoc/>
    public CodebookAssignment Assignment { get; }

    /// <inheritdoc/>
    public IReadOnlyList<float[]> Parameters => _parameters;

    /// <inheritdoc/>
    IReadOnlyList<float[]> ITrainableModel.Gradients => Gradients;

    /// <inheritdoc/>
    Span<float> ITrainableModel.Final => FinalBuffer;

    /// <inheritdoc/>
    Span<float> ITrainableModel.Ego => EgoBuffer;

    /// <inheritdoc/>
    Span<float> ITrainableModel.FinalGradient => FinalGradBuffer;

    /// <inheritdoc/>
    Span<float> ITrainableModel.EgoGradient => EgoGradBuffer;

    /// <summary>User side table.</summary>
    public CompressedEmbedding UserTable { get; }

    /// <summary>Item side table.</summary>
    public CompressedEmbedding ItemTable { get; }

    /// <summary>Offset of the item block in node-space buffers.</summary>
    private protected int ItemOffset => UserCount * Dim;

    /// <summary>Layer-0 embeddings, node space.</summary>
    private protected float[] EgoBuffer { get; }

    /// <summary>Final embeddings, node space.</summary>
    private protected float[] FinalBuffer { get; }

    /// <summary>Loss gradient on final embeddings.</summary>
    private protected float[] FinalGradBuffer { get; }

    /// <summary>Loss gradient on ego embeddings.</summary>
    private protected float[] EgoGradBuffer { get; }

    /// <summary>Users of the last forward.</summary>
    private protected int[] UserRows => _userRows;

    /// <summary>Gradients of the parameters (user codebook, item codebook), for the models' backward passes.</summary>
    private protected float[][] Gradients => _gradients;

    /// <summary>Items of the last forward.</summary>
    private protected int[] ItemRows => _itemRows;

    /// <inheritdoc/>
    void ITrainableModel.Forward(ReadOnlySpan<int> users, ReadOnlySpan<int> items)
    {
        foreach (int u in users)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(u, nameof(users));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(u, UserCount, nameof(users));
        }

        foreach (int i in items)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i, nameof(items));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, ItemCount, nameof(items));
        }

        _userRows = users.ToArray();
        _itemRows = items.ToArray();
        ForwardCore();
    }

    /// <inheritdoc/>
    void ITrainableModel.Backward()
    {
        BackwardCore();
        ClearRows(FinalGradBuffer);
        ClearRows(EgoGradBuffer);
    }

    /// <inheritdoc/>
    public virtual void FoldInUser(ReadOnlySpan<int> codes, ReadOnlySpan<int> items, Span<float> final)
    {
        CheckFoldIn(codes, items, final);
        UserTable.LookupCodes(codes, final);
    }

    /// <summary>Checks the arguments of <see cref="FoldInUser"/>.</summary>
    private protected void CheckFoldIn(ReadOnlySpan<int> codes, ReadOnlySpan<int> items, Span<float> final)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(final.Length, Dim, nameof(final));
        if (codes.IsEmpty)
        {
            throw new ArgumentException("A user needs at least one codebook row.", nameof(codes));
        }

        foreach (int c in codes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(codes));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(c, UserTable.Assignment.RowCount, nameof(codes));
        }

        foreach (int i in items)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i, nameof(items));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, ItemCount, nameof(items));
        }
    }

    /// <inheritdoc/>
    public abstract void ComputeEmbeddings(Span<float> users, Span<float> items);

    /// <summary>Fills Final (and Ego) at the forward rows.</summary>
    private protected abstract void ForwardCore();

    /// <summary>Fills <see cref="Gradients"/> from the gradient buffers at the forward rows.</summary>
    private protected abstract void BackwardCore();

    /// <summary>Zeroes a node-space buffer at the forward rows.</summary>
    private protected void ClearRows(float[] buffer)
    {
        foreach (int u in _userRows)
        {
            Array.Clear(buffer, u * Dim, Dim);
        }

        foreach (int i in _itemRows)
        {
            Array.Clear(buffer, ItemOffset + (i * Dim), Dim);
        }
    }
}
