using System.Numerics;
using System.Runtime.InteropServices;

namespace Baco.Numerics;

/// <summary>Small SIMD helpers over float spans (single-threaded; callers split work).</summary>
internal static class VectorMath
{
    /// <summary>Dot product; fixed summation order (lanes, then lane reduction, then tail).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        int i = 0;
        var acc = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            for (int k = 0; k < va.Length; k++)
            {
                acc = Vector.FusedMultiplyAdd(va[k], vb[k], acc);
            }

            i = va.Length * Vector<float>.Count;
        }

        float s = Vector.Sum(acc);
        for (; i < n; i++)
        {
            s = MathF.FusedMultiplyAdd(a[i], b[i], s);
        }

        return s;
    }

    /// <summary>y += alpha * x.</summary>
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = x.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y[..n]);
            var va = new Vector<float>(alpha);
            for (int k = 0; k < vx.Length; k++)
            {
                vy[k] = Vector.FusedMultiplyAdd(va, vx[k], vy[k]);
            }

            i = vx.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            y[i] = MathF.FusedMultiplyAdd(alpha, x[i], y[i]);
        }
    }

    /// <summary>x *= alpha.</summary>
    public static void Scale(float alpha, Span<float> x)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            for (int k = 0; k < vx.Length; k++)
            {
                vx[k] *= alpha;
            }

            i = vx.Length * Vector<float>.Count;
        }

        for (; i < x.Length; i++)
        {
            x[i] *= alpha;
        }
    }

    /// <summary>dst = scale * (a + b); dst may alias a or b.</summary>
    public static void ScaledSum(float scale, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> dst)
    {
        int n = dst.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..n]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            var vd = MemoryMarshal.Cast<float, Vector<float>>(dst);
            var vs = new Vector<float>(scale);
            for (int k = 0; k < vd.Length; k++)
            {
                vd[k] = vs * (va[k] + vb[k]);
            }

            i = vd.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            dst[i] = scale * (a[i] + b[i]);
        }
    }

    /// <summary>Squared Euclidean norm.</summary>
    public static float SquaredNorm(ReadOnlySpan<float> x) => Dot(x, x);

}
