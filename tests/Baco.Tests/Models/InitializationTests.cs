using Baco.Models;
using Baco.Tests.Cli;
using Baco.Tests.Faults;
using Baco.Tests.TestSupport;

namespace Baco.Tests.Models;

public class InitializationTests
{
    [Fact]
    public void TheNormalSpreadScalesTheSameDrawsExactly()
    {
        // Same seed, same Gaussian draws: std 1.0 is std 0.1 times ten, entry by entry.
        var narrow = RecommenderModels.Create(ModelKind.MatrixFactorization, TinyData.Assignment("full"), TinyData.Graph(), 16, 0, 7);
        var wide = RecommenderModels.Create(ModelKind.MatrixFactorization, TinyData.Assignment("full"), TinyData.Graph(), 16, 0, 7, EmbeddingInit.Normal, 1.0);
        for (int p = 0; p < 2; p++)
        {
            for (int k = 0; k < narrow.Parameters[p].Length; k++)
            {
                Assert.Equal(wide.Parameters[p][k] / 10.0, narrow.Parameters[p][k], 1e-6);
            }
        }
    }

    [Fact]
    public void TheSampleSpreadMatchesTheSetting()
    {
        var full = Baco.Codebooks.CodebookAssignment.Full(200, 300);
        var graph = Baco.Graph.BipartiteGraph.FromInteractions(200, 300, Baco.Data.InteractionList.Empty);
        var model = RecommenderModels.Create(ModelKind.MatrixFactorization, full, graph, 64, 0, 1, EmbeddingInit.Normal, 1.0);
        var values = model.Parameters[0].Concat(model.Parameters[1]).Select(v => (double)v).ToArray();
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        Assert.InRange(std, 0.99, 1.01); // 32,000 draws: the sample std is within 1 % with overwhelming probability
        Assert.InRange(mean, -0.02, 0.02);
    }

    [Theory]
    [InlineData("baco: error: '--init-std': 0 must be a positive number; see 'baco train --help'.", "--init-std", "0")]
    [InlineData("baco: error: '--init-std' sets the normal initialisation's spread, but '--init xavier' is uniform with its own bound: drop one of them.", "--init", "xavier", "--init-std", "1")]
    public void BadSpreadsAreRefused(string expected, params string[] args)
    {
        var (code, _, err) = CliRunner.Run(["train", .. args]);
        Assert.Equal(2, code);
        Assert.Equal(expected, OutputSafetyTests.OneLine(err));
    }
}
