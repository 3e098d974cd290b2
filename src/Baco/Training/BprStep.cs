using Baco.Models;
using Baco.Numerics;

namespace Baco.Training;

/// <summary>
/// One BPR step's loss and gradients on a model that has been forwarded on the batch rows:
/// loss = mean softplus(-(s_ui - s_uj)) + reg * (|e_u|^2 + |e_i|^2 + |e_j|^2) / 2 / batch,
/// with e the layer-0 embeddings (LightGCN's regulariser). Accumulates in batch order.
/// </summary>
internal static class BprStep
{
    /// <summary>Adds the gradients into the model's gradient buffers and returns the loss.</summary>
    public static double LossAndGradients(ITrainableModel model, ReadOnlySpan<int> users, ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, float reg)
    {
        int d = model.Dim;
        int itemOffset = model.UserCount * d;
        int n = users.Length;
        var final = model.Final;
        var ego = model.Ego;
        var fg = model.FinalGradient;
        var eg = model.EgoGradient;
        float invN = 1f / n;
        float regScale = reg * invN;
        double bpr = 0, regSum = 0;
        for (int b = 0; b < n; b++)
        {
            int ou = users[b] * d, oi = itemOffset + (positives[b] * d), oj = itemOffset + (negatives[b] * d);
            var fu = final.Slice(ou, d);
            var fi = final.Slice(oi, d);
            var fj = final.Slice(oj, d);
            float x = VectorMath.Dot(fu, fi) - VectorMath.Dot(fu, fj);
            bpr += Softplus(-x);

            // d softplus(-x) / dx = -sigmoid(-x)
            float g = -Sigmoid(-x) * invN;
            VectorMath.Axpy(g, fi, fg.Slice(ou, d));
            VectorMath.Axpy(-g, fj, fg.Slice(ou, d));
            VectorMath.Axpy(g, fu, fg.Slice(oi, d));
            VectorMath.Axpy(-g, fu, fg.Slice(oj, d));

            if (reg != 0)
            {
                regSum += VectorMath.SquaredNorm(ego.Slice(ou, d)) + VectorMath.SquaredNorm(ego.Slice(oi, d)) + VectorMath.SquaredNorm(ego.Slice(oj, d));
                VectorMath.Axpy(regScale, ego.Slice(ou, d), eg.Slice(ou, d));
                VectorMath.Axpy(regScale, ego.Slice(oi, d), eg.Slice(oi, d));
                VectorMath.Axpy(regScale, ego.Slice(oj, d), eg.Slice(oj, d));
            }
        }

        return (bpr / n) + (reg * 0.5 * regSum / n);
    }

    internal static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    private static float Sigmoid(float z) => (float)(1.0 / (1.0 + Math.Exp(-z)));
}
