using Baco.Codebooks;
using Baco.Graph;
using Baco.Models.Kernels;
using Baco.Numerics;

namespace Baco.Models;

/// <summary>
/// LightGCN over compressed tables: E0 = looked-up embeddings, E(l+1) = Â E(l) with
/// Â = D^-1/2 A D^-1/2 of the bipartite training graph, final = mean of E0..EL.
/// Training propagates the graph every step, as the reference code does per batch, but only
/// where the batch's final embeddings depend on it: layer l is computed on the rows within
/// L - l hops of the batch. Â is symmetric, so the backward pass is the same sparse product
/// applied to the (sparse) final gradient, skipping rows known to be zero; the layer sum and the
/// 1/(L+1) scale are fused into the products, and a full (identity) side reads its codebook and
/// writes its gradient in place.
/// </summary>
public sealed class LightGcnModel : EmbeddingModelBase
{
    private readonly NormalizedAdjacency _adj;
    private readonly float[] _bufA;
    private readonly float[] _bufB;
    private readonly float[]? _accUsers;
    private readonly float[]? _accItems;
    private readonly byte[] _flagsA;
    private readonly byte[] _flagsB;
    private readonly byte[] _ball;
    private float[]? _evalAcc;
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
        _accUsers = UserTable.IsIdentity ? null : new float[UserCount * dim];
        _accItems = ItemTable.IsIdentity ? null : new float[ItemCount * dim];
        _flagsA = new byte[_adj.NodeCount];
        _flagsB = new byte[_adj.NodeCount];
        _ball = new byte[_adj.NodeCount];
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
        var e0 = LookupEgo();
        _evalAcc ??= new float[FinalBuffer.Length];
        var acc = NodeMatrix.Joint(_evalAcc, UserCount);
        if (Layers == 0)
        {
            CopyOut(e0, acc);
        }

        var cur = e0;
        for (int l = 1; l <= Layers; l++)
        {
            var next = NodeMatrix.Joint((l & 1) == 1 ? _bufA : _bufB, UserCount);
            var sinks = new SparseKernels.Sinks(l < Layers ? next : null, acc, l == 1 ? e0 : acc, l == Layers ? 1f / (Layers + 1) : 1f);
            SparseKernels.Multiply(_adj, cur, Dim, sinks);
            cur = next;
        }

        _evalAcc.AsSpan(0, ItemOffset).CopyTo(users);
        _evalAcc.AsSpan(ItemOffset).CopyTo(items);
    }

    /// <summary>
    /// LightGCN for a user outside the graph with items N (docs/METHOD.md, "Folding in a new
    /// user"): e(0) from the codes, e(l+1) = sum over i in N of E_i(l) / sqrt(|N| d_i) with the
    /// items' layer embeddings E_i(l) and degrees d_i of the training graph (at least 1), the
    /// final embedding the mean of e(0)..e(L). For a user of the graph with exactly their
    /// training items this is the user's own propagation.
    /// </summary>
    public override void FoldInUser(ReadOnlySpan<int> codes, ReadOnlySpan<int> items, Span<float> final)
    {
        CheckFoldIn(codes, items, final);
        var layers = ItemLayers();
        var cur = new float[Dim];
        UserTable.LookupCodes(codes, cur);
        var sum = (float[])cur.Clone();
        var next = new float[Dim];
        for (int l = 1; l <= Layers; l++)
        {
            Array.Clear(next);
            foreach (int i in items)
            {
                int di = Math.Max(1, Graph.ItemOffsetArray[i + 1] - Graph.ItemOffsetArray[i]);
                float w = (float)(1.0 / Math.Sqrt((double)items.Length * di));
                VectorMath.Axpy(w, layers[l - 1].AsSpan(i * Dim, Dim), next);
            }

            VectorMath.Axpy(1f, next, sum);
        }

        VectorMath.Scale(1f / (Layers + 1), sum);
        sum.CopyTo(final);
    }

    /// <summary>The items' embeddings E(0)..E(L-1) of the full propagation, items x dim each (from the current codebooks).</summary>
    private float[][] ItemLayers()
    {
        var layers = new float[Math.Max(Layers, 1)][];
        var e0 = LookupEgo();
        var cur = new float[FinalBuffer.Length];
        CopyOut(e0, NodeMatrix.Joint(cur, UserCount));
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = cur.AsSpan(ItemOffset).ToArray();
            if (l + 1 < layers.Length)
            {
                var next = new float[FinalBuffer.Length];
                SparseKernels.Multiply(_adj, NodeMatrix.Joint(cur, UserCount), Dim, SparseKernels.Sinks.Store(NodeMatrix.Joint(next, UserCount)));
                cur = next;
            }
        }

        return layers;
    }

    /// <inheritdoc/>
    private protected override void ForwardCore()
    {
        var e0 = LookupEgo();
        BuildNodeRows();
        foreach (int r in _nodeRows)
        {
            var (arr, off) = e0.Row(r, UserCount, Dim);
            Array.Copy(arr, off, EgoBuffer, r * Dim, Dim); // Ego must be valid at the batch rows
            Array.Copy(arr, off, FinalBuffer, r * Dim, Dim);
        }

        if (Layers == 0)
        {
            return;
        }

        // balls[k]: rows within k hops of the batch; layer l is needed on balls[L - l].
        var balls = new int[Layers][];
        balls[0] = _nodeRows;
        Array.Clear(_ball);
        foreach (int r in _nodeRows)
        {
            _ball[r] = 1;
        }

        for (int k = 1; k < Layers; k++)
        {
            foreach (int r in balls[k - 1])
            {
                for (int e = _adj.Offsets[r]; e < _adj.Offsets[r + 1]; e++)
                {
                    _ball[_adj.Columns[e]] = 1;
                }
            }

            var list = new List<int>();
            for (int r = 0; r < _ball.Length; r++)
            {
                if (_ball[r] != 0)
                {
                    list.Add(r);
                }
            }

            balls[k] = [.. list];
        }

        var cur = e0;
        for (int l = 1; l <= Layers; l++)
        {
            float[] nextBuf = (l & 1) == 1 ? _bufA : _bufB;
            var next = NodeMatrix.Joint(nextBuf, UserCount);
            SparseKernels.MultiplyRows(_adj, cur, Dim, SparseKernels.Sinks.Store(next), balls[Layers - l]);
            foreach (int r in _nodeRows)
            {
                VectorMath.Axpy(1f, nextBuf.AsSpan(r * Dim, Dim), FinalBuffer.AsSpan(r * Dim, Dim));
            }

            cur = next;
        }

        float scale = 1f / (Layers + 1);
        foreach (int r in _nodeRows)
        {
            VectorMath.Scale(scale, FinalBuffer.AsSpan(r * Dim, Dim));
        }
    }

    /// <inheritdoc/>
    private protected override void BackwardCore()
    {
        // dL/dE0 = (G + Â G + ... + Â^L G) / (L+1) + ego gradient, G nonzero only at the batch rows.
        var g = NodeMatrix.Joint(FinalGradBuffer, UserCount);
        var acc = NodeMatrix.Split(_accUsers ?? Gradients[0], _accItems ?? Gradients[1]);
        if (Layers == 0)
        {
            CopyOut(g, acc);
        }

        Array.Clear(_flagsA);
        foreach (int r in _nodeRows)
        {
            _flagsA[r] = 1;
        }

        var cur = g;
        byte[] curFlags = _flagsA, nextFlags = _flagsB;
        for (int l = 1; l <= Layers; l++)
        {
            bool last = l == Layers;
            var next = NodeMatrix.Joint((l & 1) == 1 ? _bufA : _bufB, UserCount);
            var sinks = new SparseKernels.Sinks(last ? null : next, acc, l == 1 ? g : acc, last ? 1f / (Layers + 1) : 1f);
            SparseKernels.Multiply(_adj, cur, Dim, sinks, curFlags, last ? null : nextFlags); // zero input rows skipped in every layer
            cur = next;
            (curFlags, nextFlags) = (nextFlags, curFlags);
        }

        foreach (int r in _nodeRows)
        {
            var (arr, off) = acc.Row(r, UserCount, Dim);
            VectorMath.Axpy(1f, EgoGradBuffer.AsSpan(r * Dim, Dim), arr.AsSpan(off, Dim));
        }

        if (_accUsers is not null)
        {
            UserTable.GradientAll(_accUsers, 0, Gradients[0]);
        }

        if (_accItems is not null)
        {
            ItemTable.GradientAll(_accItems, 0, Gradients[1]);
        }
    }

    // Layer 0 as a node matrix: full sides are their codebooks; compressed sides are looked up.
    private NodeMatrix LookupEgo()
    {
        if (!UserTable.IsIdentity)
        {
            UserTable.LookupAll(EgoBuffer, 0);
        }

        if (!ItemTable.IsIdentity)
        {
            ItemTable.LookupAll(EgoBuffer, ItemOffset);
        }

        return new NodeMatrix(
            UserTable.IsIdentity ? UserTable.Codebook : EgoBuffer,
            0,
            ItemTable.IsIdentity ? ItemTable.Codebook : EgoBuffer,
            ItemTable.IsIdentity ? 0 : UserCount);
    }

    private void CopyOut(NodeMatrix source, NodeMatrix target)
    {
        for (int r = 0; r < UserCount + ItemCount; r++)
        {
            var (fa, fo) = source.Row(r, UserCount, Dim);
            var (ta, tOff) = target.Row(r, UserCount, Dim);
            Array.Copy(fa, fo, ta, tOff, Dim);
        }
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
