using Baco.Codebooks;
using Baco.Models;
using Baco.Training;

namespace Baco.Tests.Training;

public class BprAndAdamTests
{
    [Fact]
    public void BprLossMatchesHandComputation()
    {
        var graph = Baco.Graph.BipartiteGraph.FromPairs(1, 2, [0], [0]);
        var model = (ITrainableModel)RecommenderModels.FromCodebooks(ModelKind.MatrixFactorization, CodebookAssignment.Full(1, 2), graph, 2, 0, [1f, 0f], [0.5f, 0.5f, 0f, 1f]);
        model.Forward([0], [0, 1]);
        double loss = BprStep.LossAndGradients(model, [0], [0], [1], 0.1f);

        // x = <u,i> - <u,j> = 0.5; BPR = log(1 + e^-0.5); L2 = 0.1 * (1 + 0.5 + 1) / 2 / 1.
        double expected = Math.Log(1 + Math.Exp(-0.5)) + 0.125;
        Assert.Equal(expected, loss, 6);

        // dL/du = -sigmoid(-x) (i - j) + reg u.
        double s = 1 / (1 + Math.Exp(0.5));
        model.Backward();
        Assert.Equal((-s * 0.5) + 0.1, model.Gradients[0][0], 5);
        Assert.Equal((-s * -0.5) + 0, model.Gradients[0][1], 5);
        Assert.Equal((-s * 1) + 0.05, model.Gradients[1][0], 5);   // dL/di = -s u + reg i
        Assert.Equal(s, model.Gradients[1][2], 5);                  // dL/dj = s u + reg j, j = (0, 1)
        Assert.Equal(0.1, model.Gradients[1][3], 5);
    }

    [Fact]
    public void SoftplusIsStableForLargeArguments()
    {
        Assert.Equal(100, BprStep.Softplus(100), 9);
        Assert.Equal(0, BprStep.Softplus(-100), 9);
    }

    [Fact]
    public void AdamMatchesHandComputedSteps()
    {
        float lr = 0.01f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f, wd = 0.1f;
        var adam = new AdamOptimizer([9], lr, b1, b2, eps, wd);
        var p = Enumerable.Range(0, 9).Select(k => 1f - (0.2f * k)).ToArray();
        double[] pRef = [.. p.Select(x => (double)x)];
        var m = new double[9];
        var v = new double[9];
        double[] grads = [0.5, -0.25, 2.0];
        for (int t = 1; t <= 3; t++)
        {
            var g = Enumerable.Range(0, 9).Select(k => (float)(grads[t - 1] * (k + 1) / 3.0)).ToArray();
            adam.Update([p], [g]);
            for (int k = 0; k < 9; k++)
            {
                double gk = g[k] + (wd * pRef[k]);
                m[k] = (b1 * m[k]) + ((1 - b1) * gk);
                v[k] = (b2 * v[k]) + ((1 - b2) * gk * gk);
                double mh = m[k] / (1 - Math.Pow(b1, t));
                double vh = v[k] / (1 - Math.Pow(b2, t));
                pRef[k] -= lr * mh / (Math.Sqrt(vh) + eps);
            }
        }

        for (int k = 0; k < 9; k++)
        {
            Assert.Equal(pRef[k], p[k], 5);
        }

        Assert.Equal(3, adam.Step);
    }
}
