using Baco.Codebooks;
using Baco.Graph;
using Baco.Internals;

namespace Baco.Models;

/// <summary>
/// LightGCN over compressed tables: E0 = looked-up embeddings, E(l+1) = Â E(l) with
/// Â = D^-1/2 A D^-1/2 of the bipartite training graph, final = mean of E0..EL. Training
/// propagates the full graph each step (as the reference code does per batch) but computes
/// the last layer only at the batch's rows. Â is symmetric, so the backward pass is the same
/// sparse product applied to the (sparse) final gradient, skipping rows known to be zero.
/// </summary>
public sealed class LightGcnModel : EmbeddingModelBase
{
    private readonly NormalizedAdjacency _adj;
    private readonly float[] _bufA;
    private readonly float[] _bufB;
    private readonly float[] _acc;
    private readonly byte[] _flagsA;
    private readonly byte[] _flagsB;
    private int[] _nodeRows = [];

    /// <summary>Creates the model around the given codebooks (not copied) and training graph.</summary>
    public LightGcnModel(CodebookAssignment assignment, BipartiteGraph graph, int layers, int dim, float[] userCodebook, float[] itemCodebook)
        : base(assignment, dim, userCodebook, itemCodebook)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        if (graph.UserCount != UserCount || graph.ItemCount != ItemCount)
        {
            throw new ArgumentException($"Graph is {graph.UserCount} x {graph.ItemCount}, assignment {UserCount} x {ItemCount}.", nameof(graph));
        }

        Layers = layers;
        Graph = graph;
        _adj = NormalizedAdjacency.FromGraph(graph);
        _bufA = new float[FinalBuffer.Length];
        _bufB = new float[FinalBuffer.Length];
        _acc = new float[FinalBuffer.Length];
        _flagsA = new byte[_adj.NodeCount];
        _flagsB = new byte[_adj.NodeCount];
    }

    /// <inheritdoc/>
    public override ModelKind Kind => ModelKind.LightGcn;

    /// <inheritdoc/>
    public override int Layers { get; }

    /// <summary>The training graph the model propagates over.</summary>
    public BipartiteGraph Graph { get; }

    /// <inheritdoc/>
    public override void ComputeEmbeddings(Span<float> users, Span<float> items)
    {
        LookupEgo();
        Array.Copy(EgoBuffer, _acc, _acc.Length);
        float[] cur = EgoBuffer, next = _bufA;
        for (int l = 1; l <= Layers; l++)
        {
            SparseKernels.Multiply(_adj, cur, next, Dim, accumulate: _acc);
            cur = next;
            next = ReferenceEquals(next, _bufA) ? _bufB : _bufA;
        }

        VectorMath.Scale(1f / (Layers + 1), _acc);
        _acc.AsSpan(0, ItemOffset).CopyTo(users);
        _acc.AsSpan(ItemOffset).CopyTo(items);
    }

    /// <inheritdoc/>
    protected override void ForwardCore()
    {
        LookupEgo();
        BuildNodeRows();
        foreach (int r in _nodeRows)
        {
            Array.Copy(EgoBuffer, r * Dim, FinalBuffer, r * Dim, Dim);
        }

        float[] cur = EgoBuffer, next = _bufA;
        for (int l = 1; l <= Layers; l++)
        {
            if (l < Layers)
            {
                SparseKernels.Multiply(_adj, cur, next, Dim);
            }
            else
            {
                // Only the batch rows of the last layer are ever read.
                SparseKernels.MultiplyRows(_adj, cur, next, Dim, _nodeRows, _nodeRows.Length);
            }

            foreach (int r in _nodeRows)
            {
                VectorMath.Axpy(1f, next.AsSpan(r * Dim, Dim), FinalBuffer.AsSpan(r * Dim, Dim));
            }

            cur = next;
            next = ReferenceEquals(next, _bufA) ? _bufB : _bufA;
        }

        float scale = 1f / (Layers + 1);
        foreach (int r in _nodeRows)
        {
            VectorMath.Scale(scale, FinalBuffer.AsSpan(r * Dim, Dim));
        }
    }

    /// <inheritdoc/>
    protected override void BackwardCore()
    {
        // dL/dE0 = (G + Â G + ... + Â^L G) / (L+1) + ego gradient, G nonzero only at the batch rows.
        Array.Copy(FinalGradBuffer, _acc, _acc.Length);
        Array.Clear(_flagsA);
        foreach (int r in _nodeRows)
        {
            _flagsA[r] = 1;
        }

        float[] cur = FinalGradBuffer, next = _bufA;
        byte[] curFlags = _flagsA, nextFlags = _flagsB;
        for (int l = 1; l <= Layers; l++)
        {
            SparseKernels.Multiply(_adj, cur, next, Dim, curFlags, nextFlags, _acc);
            cur = next;
            next = ReferenceEquals(next, _bufA) ? _bufB : _bufA;
            (curFlags, nextFlags) = (nextFlags, curFlags);
        }

        if (Layers > 0)
        {
            float scale = 1f / (Layers + 1);
            VectorMath.TwoWay(_acc.Length, (from, to) => VectorMath.Scale(scale, _acc.AsSpan(from, to - from)));
        }

        foreach (int r in _nodeRows)
        {
            VectorMath.Axpy(1f, EgoGradBuffer.AsSpan(r * Dim, Dim), _acc.AsSpan(r * Dim, Dim));
        }

        UserTable.GradientAll(_acc, 0, Gradients[0]);
        ItemTable.GradientAll(_acc, ItemOffset, Gradients[1]);
    }

    private void LookupEgo()
    {
        UserTable.LookupAll(EgoBuffer, 0);
        ItemTable.LookupAll(EgoBuffer, ItemOffset);
    }

    private void BuildNodeRows()
    {
        var rows = new int[UserRows.Length + ItemRows.Length];
        UserRows.CopyTo(rows, 0);
        for (int k = 0; k < ItemRows.Length; k++)
        {
            rows[UserRows.Length + k] = UserCount + ItemRows[k];
        }

        _nodeRows = rows;
    }
}
