using Baco.Codebooks;
using Baco.Models;
using Baco.Tests.TestSupport;
using Baco.Training;

namespace Baco.Tests.Models;

/// <summary>Hand-written backward passes against central finite differences.</summary>
public class GradientCheckTests
{
    public static TheoryData<ModelKind, string, CodeCombiner, int> Cases()
    {
        var data = new TheoryData<ModelKind, string, CodeCombiner, int>();
        foreach (var kind in new[] { ModelKind.LightGcn, ModelKind.MatrixFactorization })
        {
            foreach (string a in new[] { "full", "one", "two" })
            {
                foreach (var c in new[] { CodeCombiner.Mean, CodeCombiner.Sum })
                {
                    data.Add(kind, a, c, 6);
                }
            }

            data.Add(kind, "two", CodeCombiner.Mean, 64); // dim 64 takes the register-blocked kernel
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LinearProbeGradientMatchesFiniteDifferences(ModelKind kind, string assignment, CodeCombiner combiner, int dim)
    {
        // L = <C, Final> + <D, Ego> over all rows: exercises the backward of propagation and lookup.
        var model = RecommenderModels.CreateTrainable(kind, TinyData.Assignment(assignment, combiner), TinyData.Graph(), dim, 2, 11);
        int n = (model.UserCount + model.ItemCount) * dim;
        var rnd = new Random(3);
        var c = Enumerable.Range(0, n).Select(_ => (float)(rnd.NextDouble() - 0.5)).ToArray();
        var d = Enumerable.Range(0, n).Select(_ => (float)(rnd.NextDouble() - 0.5)).ToArray();
        int[] users = [0, 1, 2, 3];
        int[] items = [0, 1, 2, 3, 4];

        double Loss()
        {
            model.Forward(users, items);
            double s = 0;
            for (int k = 0; k < n; k++)
            {
                s += ((double)c[k] * model.Final[k]) + ((double)d[k] * model.Ego[k]);
            }

            return s;
        }

        Loss();
        c.CopyTo(model.FinalGradient);
        d.CopyTo(model.EgoGradient);
        model.Backward();
        CheckAgainstNumeric(model, Loss, 1e-2f, 2e-3);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BprLossGradientMatchesFiniteDifferences(ModelKind kind, string assignment, CodeCombiner combiner, int dim)
    {
        var model = RecommenderModels.CreateTrainable(kind, TinyData.Assignment(assignment, combiner), TinyData.Graph(), dim, 2, 5);
        int[] bu = [0, 2, 2, 3];
        int[] bi = [1, 2, 3, 4];
        int[] bj = [3, 0, 1, 2];
        int[] users = [0, 2, 3];
        int[] items = [1, 3, 2, 4, 0];

        double Loss()
        {
            model.Forward(users, items);
            double l = BprStep.LossAndGradients(model, bu, bi, bj, 0.05f);
            model.Backward(); // clears the gradient buffers BprStep filled
            return l;
        }

        model.Forward(users, items);
        BprStep.LossAndGradients(model, bu, bi, bj, 0.05f);
        model.Backward();
        CheckAgainstNumeric(model, Loss, 1e-2f, 2e-3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void LightGcnGradientIsRightForOtherDepths(int layers)
    {
        var model = RecommenderModels.CreateTrainable(ModelKind.LightGcn, TinyData.Assignment("two"), TinyData.Graph(), 5, layers, 8);
        int[] bu = [1, 3];
        int[] bi = [2, 0];
        int[] bj = [4, 1];
        int[] users = [1, 3];
        int[] items = [2, 4, 0, 1];

        double Loss()
        {
            model.Forward(users, items);
            double l = BprStep.LossAndGradients(model, bu, bi, bj, 0.05f);
            model.Backward();
            return l;
        }

        model.Forward(users, items);
        BprStep.LossAndGradients(model, bu, bi, bj, 0.05f);
        model.Backward();
        CheckAgainstNumeric(model, Loss, 1e-2f, 2e-3);
    }

    private static void CheckAgainstNumeric(ITrainableModel model, Func<double> loss, float h, double tol)
    {
        var analytic = model.Gradients.Select(g => (float[])g.Clone()).ToArray();
        for (int p = 0; p < model.Parameters.Count; p++)
        {
            float[] w = model.Parameters[p];
            for (int k = 0; k < w.Length; k++)
            {
                float orig = w[k];
                w[k] = orig + h;
                double plus = loss();
                w[k] = orig - h;
                double minus = loss();
                w[k] = orig;
                double numeric = (plus - minus) / (2 * h);
                double diff = Math.Abs(numeric - analytic[p][k]);
                Assert.True(diff <= tol * Math.Max(1, Math.Abs(numeric)), $"param {p}[{k}]: analytic {analytic[p][k]}, numeric {numeric}");
            }
        }
    }
}
