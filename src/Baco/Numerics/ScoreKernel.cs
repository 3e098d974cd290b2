using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Baco.Numerics;

/// <summary>
/// Blocked dot-product scoring of a few users against item panels. Items are packed in panels
/// of 16 or 32 items (dimension-major inside a panel) so one vector load feeds six users; each
/// score is the same fused multiply-add chain over the dimension whatever the panel width, so
/// both widths give identical bits.
/// </summary>
internal static class ScoreKernel
{
    /// <summary>Items per panel: two vectors, 512-bit where the CPU has them, else 256-bit.</summary>
    public static readonly int DefaultPanelWidth = Vector512.IsHardwareAccelerated ? 32 : 16;

    /// <summary>Users per micro-block.</summary>
    public const int UserBlock = 6;

    /// <summary>Packs items (count x dim row-major) into panels, zero-padded to a whole panel.</summary>
    public static float[] PackItems(ReadOnlySpan<float> items, int count, int dim, int panelWidth)
    {
        int panels = (count + panelWidth - 1) / panelWidth;
        var packed = new float[panels * dim * panelWidth];
        for (int i = 0; i < count; i++)
        {
            int p = i / panelWidth, j = i % panelWidth;
            int baseIdx = p * dim * panelWidth;
            for (int k = 0; k < dim; k++)
            {
                packed[baseIdx + (k * panelWidth) + j] = items[(i * dim) + k];
            }
        }

        return packed;
    }

    /// <summary>
    /// scores[r * stride + (p - firstPanel) * w + j] = dot(user r, item w*p + j), w the panel width, for the six
    /// users in <paramref name="userBlock"/> (6 x dim) and panels [firstPanel, endPanel).
    /// </summary>
    public static void Score(int panelWidth, ReadOnlySpan<float> userBlock, float[] packed, int dim, int firstPanel, int endPanel, Span<float> scores, int stride)
    {
        if (panelWidth == 32)
        {
            Score512(userBlock, packed, dim, firstPanel, endPanel, scores, stride);
            return;
        }

        Score256(userBlock, packed, dim, firstPanel, endPanel, scores, stride);
    }

    // Score256 and Score512 are one register-blocked kernel written out at two vector widths: 12
    // accumulators (6 users x 2 vectors) must stay in registers, which a width-generic version
    // (Vector<T>, or a shared helper over ISimdVector) does not guarantee. Change both together.
    private static void Score256(ReadOnlySpan<float> userBlock, float[] packed, int dim, int firstPanel, int endPanel, Span<float> scores, int stride)
    {
        const int PanelWidth = 16;
        ref float ub = ref MemoryMarshal.GetReference(userBlock);
        ref float pk = ref MemoryMarshal.GetArrayDataReference(packed);
        ref float sc = ref MemoryMarshal.GetReference(scores);
        for (int p = firstPanel; p < endPanel; p++)
        {
            var c00 = Vector256<float>.Zero;
            var c01 = c00;
            var c10 = c00;
            var c11 = c00;
            var c20 = c00;
            var c21 = c00;
            var c30 = c00;
            var c31 = c00;
            var c40 = c00;
            var c41 = c00;
            var c50 = c00;
            var c51 = c00;
            ref float panel = ref Unsafe.Add(ref pk, (nint)p * dim * PanelWidth);
            for (int k = 0; k < dim; k++)
            {
                var b0 = Vector256.LoadUnsafe(ref panel, (nuint)(k * PanelWidth));
                var b1 = Vector256.LoadUnsafe(ref panel, (nuint)((k * PanelWidth) + 8));
                var a = Vector256.Create(Unsafe.Add(ref ub, k));
                c00 = Vector256.FusedMultiplyAdd(a, b0, c00);
                c01 = Vector256.FusedMultiplyAdd(a, b1, c01);
                a = Vector256.Create(Unsafe.Add(ref ub, dim + k));
                c10 = Vector256.FusedMultiplyAdd(a, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(a, b1, c11);
                a = Vector256.Create(Unsafe.Add(ref ub, (2 * dim) + k));
                c20 = Vector256.FusedMultiplyAdd(a, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(a, b1, c21);
                a = Vector256.Create(Unsafe.Add(ref ub, (3 * dim) + k));
                c30 = Vector256.FusedMultiplyAdd(a, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(a, b1, c31);
                a = Vector256.Create(Unsafe.Add(ref ub, (4 * dim) + k));
                c40 = Vector256.FusedMultiplyAdd(a, b0, c40);
                c41 = Vector256.FusedMultiplyAdd(a, b1, c41);
                a = Vector256.Create(Unsafe.Add(ref ub, (5 * dim) + k));
                c50 = Vector256.FusedMultiplyAdd(a, b0, c50);
                c51 = Vector256.FusedMultiplyAdd(a, b1, c51);
            }

            nuint o = (nuint)((p - firstPanel) * PanelWidth);
            nuint s = (nuint)stride;
            c00.StoreUnsafe(ref sc, o);
            c01.StoreUnsafe(ref sc, o + 8);
            c10.StoreUnsafe(ref sc, s + o);
            c11.StoreUnsafe(ref sc, s + o + 8);
            c20.StoreUnsafe(ref sc, (2 * s) + o);
            c21.StoreUnsafe(ref sc, (2 * s) + o + 8);
            c30.StoreUnsafe(ref sc, (3 * s) + o);
            c31.StoreUnsafe(ref sc, (3 * s) + o + 8);
            c40.StoreUnsafe(ref sc, (4 * s) + o);
            c41.StoreUnsafe(ref sc, (4 * s) + o + 8);
            c50.StoreUnsafe(ref sc, (5 * s) + o);
            c51.StoreUnsafe(ref sc, (5 * s) + o + 8);
        }
    }

    private static void Score512(ReadOnlySpan<float> userBlock, float[] packed, int dim, int firstPanel, int endPanel, Span<float> scores, int stride)
    {
        const int PanelWidth = 32;
        ref float ub = ref MemoryMarshal.GetReference(userBlock);
        ref float pk = ref MemoryMarshal.GetArrayDataReference(packed);
        ref float sc = ref MemoryMarshal.GetReference(scores);
        for (int p = firstPanel; p < endPanel; p++)
        {
            var c00 = Vector512<float>.Zero;
            var c01 = c00;
            var c10 = c00;
            var c11 = c00;
            var c20 = c00;
            var c21 = c00;
            var c30 = c00;
            var c31 = c00;
            var c40 = c00;
            var c41 = c00;
            var c50 = c00;
            var c51 = c00;
            ref float panel = ref Unsafe.Add(ref pk, (nint)p * dim * PanelWidth);
            for (int k = 0; k < dim; k++)
            {
                var b0 = Vector512.LoadUnsafe(ref panel, (nuint)(k * PanelWidth));
                var b1 = Vector512.LoadUnsafe(ref panel, (nuint)((k * PanelWidth) + 16));
                var a = Vector512.Create(Unsafe.Add(ref ub, k));
                c00 = Vector512.FusedMultiplyAdd(a, b0, c00);
                c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
                a = Vector512.Create(Unsafe.Add(ref ub, dim + k));
                c10 = Vector512.FusedMultiplyAdd(a, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
                a = Vector512.Create(Unsafe.Add(ref ub, (2 * dim) + k));
                c20 = Vector512.FusedMultiplyAdd(a, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
                a = Vector512.Create(Unsafe.Add(ref ub, (3 * dim) + k));
                c30 = Vector512.FusedMultiplyAdd(a, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
                a = Vector512.Create(Unsafe.Add(ref ub, (4 * dim) + k));
                c40 = Vector512.FusedMultiplyAdd(a, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
                a = Vector512.Create(Unsafe.Add(ref ub, (5 * dim) + k));
                c50 = Vector512.FusedMultiplyAdd(a, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            }

            nuint o = (nuint)((p - firstPanel) * PanelWidth);
            nuint s = (nuint)stride;
            c00.StoreUnsafe(ref sc, o);
            c01.StoreUnsafe(ref sc, o + 16);
            c10.StoreUnsafe(ref sc, s + o);
            c11.StoreUnsafe(ref sc, s + o + 16);
            c20.StoreUnsafe(ref sc, (2 * s) + o);
            c21.StoreUnsafe(ref sc, (2 * s) + o + 16);
            c30.StoreUnsafe(ref sc, (3 * s) + o);
            c31.StoreUnsafe(ref sc, (3 * s) + o + 16);
            c40.StoreUnsafe(ref sc, (4 * s) + o);
            c41.StoreUnsafe(ref sc, (4 * s) + o + 16);
            c50.StoreUnsafe(ref sc, (5 * s) + o);
            c51.StoreUnsafe(ref sc, (5 * s) + o + 16);
        }
    }
}
