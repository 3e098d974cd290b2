using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Baco.Internals;

/// <summary>
/// Sparse (normalised adjacency) times dense (nodes x dim, row-major) products. Each output row
/// is a gather over its CSR row in stored order, so results do not depend on the thread split;
/// rows are split in two fixed halves for the two cores.
/// </summary>
internal static class SparseKernels
{
    /// <summary>
    /// output = A * input over all rows. With <paramref name="inputFlags"/>, input rows whose flag is 0
    /// are known to be zero and skipped (sparse gradients); <paramref name="outputFlags"/> then
    /// receives which output rows can be nonzero. With <paramref name="accumulate"/>, also acc += output.
    /// </summary>
    public static void Multiply(NormalizedAdjacency adj, float[] input, float[] output, int dim, byte[]? inputFlags = null, byte[]? outputFlags = null, float[]? accumulate = null)
    {
        int n = adj.NodeCount;
        if (n < 2048)
        {
            MultiplyRange(adj, input, output, dim, inputFlags, outputFlags, accumulate, 0, n);
            return;
        }

        int split = adj.SplitRow;
        Parallel.Invoke(
            () => MultiplyRange(adj, input, output, dim, inputFlags, outputFlags, accumulate, 0, split),
            () => MultiplyRange(adj, input, output, dim, inputFlags, outputFlags, accumulate, split, n));
    }

    /// <summary>output[r] = (A * input)[r] for the listed rows only; other rows untouched.</summary>
    public static void MultiplyRows(NormalizedAdjacency adj, float[] input, float[] output, int dim, int[] rows, int rowCount)
    {
        if (rowCount < 256)
        {
            RowsRange(adj, input, output, dim, rows, 0, rowCount);
            return;
        }

        int half = rowCount / 2;
        Parallel.Invoke(
            () => RowsRange(adj, input, output, dim, rows, 0, half),
            () => RowsRange(adj, input, output, dim, rows, half, rowCount));
    }

    private static void RowsRange(NormalizedAdjacency adj, float[] input, float[] output, int dim, int[] rows, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            Row(adj, rows[k], input, output, dim, null);
        }
    }

    private static void MultiplyRange(NormalizedAdjacency adj, float[] input, float[] output, int dim, byte[]? inFlags, byte[]? outFlags, float[]? acc, int from, int to)
    {
        for (int r = from; r < to; r++)
        {
            bool any = Row(adj, r, input, output, dim, inFlags);
            if (outFlags is not null)
            {
                outFlags[r] = any ? (byte)1 : (byte)0;
            }

            if (acc is not null && any)
            {
                VectorMath.Axpy(1f, output.AsSpan(r * dim, dim), acc.AsSpan(r * dim, dim));
            }
        }
    }

    /// <summary>Computes one output row; returns false when no (flagged) neighbour contributed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Row(NormalizedAdjacency adj, int r, float[] input, float[] output, int dim, byte[]? inFlags)
    {
        int start = adj.Offsets[r], end = adj.Offsets[r + 1];
        if (dim == 64 && Vector256.IsHardwareAccelerated)
        {
            return Row64(adj, r, start, end, input, output, inFlags);
        }

        var dst = output.AsSpan(r * dim, dim);
        dst.Clear();
        bool any = false;
        int[] cols = adj.Columns;
        float[] w = adj.Weights;
        for (int k = start; k < end; k++)
        {
            int c = cols[k];
            if (inFlags is not null && inFlags[c] == 0)
            {
                continue;
            }

            any = true;
            VectorMath.Axpy(w[k], input.AsSpan(c * dim, dim), dst);
        }

        return any;
    }

    // dim = 64: the output row stays in eight 256-bit registers.
    private static bool Row64(NormalizedAdjacency adj, int r, int start, int end, float[] input, float[] output, byte[]? inFlags)
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
        ref float inBase = ref MemoryMarshal.GetArrayDataReference(input);
        ref int colBase = ref MemoryMarshal.GetArrayDataReference(adj.Columns);
        ref float wBase = ref MemoryMarshal.GetArrayDataReference(adj.Weights);
        for (int k = start; k < end; k++)
        {
            int c = Unsafe.Add(ref colBase, k);
            if (inFlags is not null && inFlags[c] == 0)
            {
                continue;
            }

            any = true;
            var w = Vector256.Create(Unsafe.Add(ref wBase, k));
            ref float src = ref Unsafe.Add(ref inBase, (nint)c * 64);
            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, 0), w, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, 8), w, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, 16), w, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, 24), w, a3);
            a4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, 32), w, a4);
            a5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, 40), w, a5);
            a6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, 48), w, a6);
            a7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, 56), w, a7);
        }

        ref float dst = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(output), (nint)r * 64);
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

    /// <summary>Used by tests to pin the generic path against the dim-64 path.</summary>
    internal static bool UsesFastPath(int dim) => dim == 64 && Vector256.IsHardwareAccelerated && Vector.IsHardwareAccelerated;
}
