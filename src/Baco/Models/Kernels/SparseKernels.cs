using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Baco.Numerics;

namespace Baco.Models.Kernels;

/// <summary>
/// Normalised-adjacency times dense products for LightGCN. For each output row r,
/// row = sum over r's CSR neighbours c (in stored order) of w_rc * input[c]; then optionally
/// output[r] = row and acc[r] = scale * (sum[r] + row). Rows are cut into the adjacency's fixed
/// work blocks, and each row is computed by one thread in a fixed order, so results never
/// depend on timing or the thread count. The graph is bipartite, so a user row only reads item rows and vice versa:
/// the source array is chosen once per row, not per neighbour.
/// </summary>
internal static class SparseKernels
{
    /// <summary>What to do with each computed row.</summary>
    internal readonly record struct Sinks(NodeMatrix? Output, NodeMatrix? Acc, NodeMatrix? Sum, float Scale)
    {
        public static Sinks Store(NodeMatrix output) => new(output, null, null, 1f);
    }

    /// <summary>
    /// Applies A to all rows. With <paramref name="inputFlags"/>, input rows flagged 0 are known to be
    /// zero and skipped; <paramref name="outputFlags"/> then receives which rows can be nonzero.
    /// </summary>
    public static void Multiply(NormalizedAdjacency adj, NodeMatrix input, int dim, Sinks sinks, byte[]? inputFlags = null, byte[]? outputFlags = null)
    {
        int[] starts = adj.BlockStarts;
        BlockParallel.Blocks(starts.Length - 1, b => Range(adj, input, dim, sinks, inputFlags, outputFlags, null, starts[b], starts[b + 1]));
    }

    /// <summary>Applies A to the listed rows only (output rows elsewhere untouched).</summary>
    public static void MultiplyRows(NormalizedAdjacency adj, NodeMatrix input, int dim, Sinks sinks, int[] rows)
    {
        BlockParallel.For(rows.Length, 256, (from, to) => Range(adj, input, dim, sinks, null, null, rows, from, to));
    }

    private static void Range(NormalizedAdjacency adj, NodeMatrix input, int dim, Sinks sinks, byte[]? inFlags, byte[]? outFlags, int[]? rows, int from, int to)
    {
        int users = adj.UserCount;
        bool fast = dim == 64 && Vector256.IsHardwareAccelerated;
        Span<float> row = stackalloc float[dim];
        for (int k = from; k < to; k++)
        {
            int r = rows is null ? k : rows[k];

            // User rows read item rows of the input and vice versa.
            float[] src;
            int bias;
            if (r < users)
            {
                src = input.Items;
                bias = input.ItemBase - users;
            }
            else
            {
                src = input.Users;
                bias = input.UserBase;
            }

            bool any = fast
                ? Row64(adj, r, src, bias, inFlags, row)
                : RowGeneric(adj, r, src, bias, dim, inFlags, row);
            if (outFlags is not null)
            {
                outFlags[r] = any ? (byte)1 : (byte)0;
            }

            // A zero row flagged as such need not be stored: the next product skips it by its flag.
            if (sinks.Output is { } output && (any || outFlags is null))
            {
                var (arr, off) = output.Row(r, users, dim);
                row.CopyTo(arr.AsSpan(off, dim));
            }

            if (sinks.Acc is { } acc)
            {
                var (arr, off) = acc.Row(r, users, dim);
                var dst = arr.AsSpan(off, dim);
                if (sinks.Sum is { } sum)
                {
                    var (sArr, sOff) = sum.Row(r, users, dim);
                    VectorMath.ScaledSum(sinks.Scale, sArr.AsSpan(sOff, dim), row, dst);
                }
                else
                {
                    row.CopyTo(dst);
                    VectorMath.Scale(sinks.Scale, dst);
                }
            }
        }
    }

    private static bool RowGeneric(NormalizedAdjacency adj, int r, float[] src, int bias, int dim, byte[]? inFlags, Span<float> row)
    {
        row.Clear();
        bool any = false;
        int[] cols = adj.Columns;
        float[] w = adj.Weights;
        for (int k = adj.Offsets[r]; k < adj.Offsets[r + 1]; k++)
        {
            int c = cols[k];
            if (inFlags is not null && inFlags[c] == 0)
            {
                continue;
            }

            any = true;
            VectorMath.Axpy(w[k], src.AsSpan((c + bias) * dim, dim), row);
        }

        return any;
    }

    // dim = 64: the row stays in eight 256-bit registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Row64(NormalizedAdjacency adj, int r, float[] src, int bias, byte[]? inFlags, Span<float> row)
    {
        var a0 = Vector256<float>.Zero;
        var a1 = a0;
        var a2 = a0;
        var a3 = a0;
        var a4 = a0;
        var a5 = a0;
        var a6 = a0;
        var a7 = a0;
        bool any = false;
        ref float inBase = ref MemoryMarshal.GetArrayDataReference(src);
        ref int colBase = ref MemoryMarshal.GetArrayDataReference(adj.Columns);
        ref float wBase = ref MemoryMarshal.GetArrayDataReference(adj.Weights);
        int end = adj.Offsets[r + 1];
        for (int k = adj.Offsets[r]; k < end; k++)
        {
            int c = Unsafe.Add(ref colBase, k);
            if (inFlags is not null && inFlags[c] == 0)
            {
                continue;
            }

            any = true;
            var w = Vector256.Create(Unsafe.Add(ref wBase, k));
            ref float s = ref Unsafe.Add(ref inBase, (nint)(c + bias) * 64);
            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 0), w, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 8), w, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 16), w, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 24), w, a3);
            a4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 32), w, a4);
            a5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 40), w, a5);
            a6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 48), w, a6);
            a7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, 56), w, a7);
        }

        ref float dst = ref MemoryMarshal.GetReference(row);
        a0.StoreUnsafe(ref dst, 0);
        a1.StoreUnsafe(ref dst, 8);
        a2.StoreUnsafe(ref dst, 16);
        a3.StoreUnsafe(ref dst, 24);
        a4.StoreUnsafe(ref dst, 32);
        a5.StoreUnsafe(ref dst, 40);
        a6.StoreUnsafe(ref dst, 48);
        a7.StoreUnsafe(ref dst, 56);
        return any;
    }
}
