using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using Baco.Numerics;

namespace Baco.Training;

/// <summary>
/// Dense Adam with PyTorch's update rule (torch.optim.Adam, weight decay added to the gradient):
/// m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= (lr / (1-b1^t)) * m / (sqrt(v) / sqrt(1-b2^t) + eps).
/// Dense, as PyTorch's: with weight decay every row has a gradient anyway, and codebooks are small.
/// Element-wise, so the two-way split cannot change results.
/// </summary>
internal sealed class AdamOptimizer
{
    private readonly float[][] _m;
    private readonly float[][] _v;

    /// <summary>Creates zero moments for parameters of the given lengths.</summary>
    public AdamOptimizer(IReadOnlyList<int> lengths, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
    {
        _m = [.. lengths.Select(n => new float[n])];
        _v = [.. lengths.Select(n => new float[n])];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <summary>Learning rate.</summary>
    public float LearningRate { get; }

    /// <summary>First-moment decay.</summary>
    public float Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public float Beta2 { get; }

    /// <summary>Denominator guard.</summary>
    public float Epsilon { get; }

    /// <summary>L2 coefficient added to gradients.</summary>
    public float WeightDecay { get; }

    /// <summary>Steps taken.</summary>
    public long Step { get; set; }

    /// <summary>First moments, one array per parameter (for checkpoints).</summary>
    public IReadOnlyList<float[]> FirstMoments => _m;

    /// <summary>Second moments, one array per parameter (for checkpoints).</summary>
    public IReadOnlyList<float[]> SecondMoments => _v;

    /// <summary>One update of every parameter from its gradient.</summary>
    public void Update(IReadOnlyList<float[]> parameters, IReadOnlyList<float[]> gradients)
    {
        Step++;
        float bc1 = (float)(1 - Math.Pow(Beta1, Step));
        float bc2Sqrt = (float)Math.Sqrt(1 - Math.Pow(Beta2, Step));
        float stepSize = LearningRate / bc1;
        for (int k = 0; k < parameters.Count; k++)
        {
            float[] p = parameters[k], g = gradients[k], m = _m[k], v = _v[k];
            BlockParallel.For(p.Length, 1 << 15, (from, to) => UpdateRange(p, g, m, v, from, to, stepSize, bc2Sqrt));
        }
    }

    private void UpdateRange(float[] p, float[] g, float[] m, float[] v, int from, int to, float stepSize, float bc2Sqrt)
    {
        float b1 = Beta1, b2 = Beta2, eps = Epsilon, wd = WeightDecay;
        int i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            var vb1 = Vector256.Create(b1);
            var vb1c = Vector256.Create(1 - b1);
            var vb2 = Vector256.Create(b2);
            var vb2c = Vector256.Create(1 - b2);
            var veps = Vector256.Create(eps);
            var vwd = Vector256.Create(wd);
            var vstep = Vector256.Create(stepSize);
            var vbc2 = Vector256.Create(1f / bc2Sqrt);
            ref float pr = ref MemoryMarshal.GetArrayDataReference(p);
            ref float gr = ref MemoryMarshal.GetArrayDataReference(g);
            ref float mr = ref MemoryMarshal.GetArrayDataReference(m);
            ref float vr = ref MemoryMarshal.GetArrayDataReference(v);
            for (; i + 8 <= to; i += 8)
            {
                nuint o = (nuint)i;
                var pv = Vector256.LoadUnsafe(ref pr, o);
                var gv = Vector256.FusedMultiplyAdd(vwd, pv, Vector256.LoadUnsafe(ref gr, o));
                var mv = Vector256.FusedMultiplyAdd(vb1, Vector256.LoadUnsafe(ref mr, o), vb1c * gv);
                var vv = Vector256.FusedMultiplyAdd(vb2, Vector256.LoadUnsafe(ref vr, o), vb2c * gv * gv);
                var denom = (Vector256.Sqrt(vv) * vbc2) + veps;
                pv -= vstep * mv / denom;
                pv.StoreUnsafe(ref pr, o);
                mv.StoreUnsafe(ref mr, o);
                vv.StoreUnsafe(ref vr, o);
            }
        }

        for (; i < to; i++)
        {
            float gi = MathF.FusedMultiplyAdd(wd, p[i], g[i]);
            m[i] = MathF.FusedMultiplyAdd(b1, m[i], (1 - b1) * gi);
            v[i] = MathF.FusedMultiplyAdd(b2, v[i], (1 - b2) * gi * gi);
            float denom = (MathF.Sqrt(v[i]) * (1f / bc2Sqrt)) + eps;
            p[i] -= stepSize * m[i] / denom;
        }
    }
}
