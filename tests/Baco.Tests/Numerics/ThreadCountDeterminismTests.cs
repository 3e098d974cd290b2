using Baco.Clustering;
using Baco.Codebooks;
using Baco.Data;
using Baco.Graph;
using Baco.Models;
using Baco.Training;

namespace Baco.Tests.Numerics;

/// <summary>
/// Results are the same bytes for any <see cref="Parallelism.Threads"/>: work blocks are fixed by
/// the problem, not the thread count. The data is large enough that every kernel cuts it into
/// several blocks (propagation, lookups, Adam, ranking, evaluation, secondary clusters, LSH).
/// </summary>
public sealed class ThreadCountDeterminismTests
{
    private static readonly int[] OtherThreadCounts = [2, 3, 8];

    private static readonly Lazy<Dataset> Data = new(() => SyntheticInteractions.Generate(new SyntheticOptions
    {
        Users = 3_000,
        Items = 1_500,
        Interactions = 45_000,
        Clusters = 20,
        Seed = 7,
    }).Dataset);

    public static TheoryData<string> Methods => [.. CompressionMethods.Names];

    [Theory]
    [MemberData(nameof(Methods))]
    public void CompressionGivesTheSameAssignmentForAnyThreadCount(string method)
    {
        var graph = BipartiteGraph.FromDataset(Data.Value);
        CodebookAssignment Compress() => CompressionMethods.Create(method)
            .Compress(graph, CompressionTarget.Fraction(0.2), new CompressionContext(16, 3)).Assignment;

        var reference = WithThreads(1, Compress);
        foreach (int threads in OtherThreadCounts)
        {
            var other = WithThreads(threads, Compress);
            Assert.Equal(reference.Users.Codes, other.Users.Codes);
            Assert.Equal(reference.Users.Offsets, other.Users.Offsets);
            Assert.Equal(reference.Items.Codes, other.Items.Codes);
            Assert.Equal(reference.Items.Offsets, other.Items.Offsets);
        }
    }

    [Theory]
    [InlineData(ModelKind.LightGcn)]
    [InlineData(ModelKind.MatrixFactorization)]
    public void TrainingAndEvaluationGiveTheSameBytesForAnyThreadCount(ModelKind model)
    {
        var data = Data.Value;
        var graph = BipartiteGraph.FromDataset(data);
        var assignment = CompressionMethods.Create("baco").Compress(graph, CompressionTarget.Fraction(0.5), new CompressionContext(32, 3)).Assignment;
        var options = new TrainingOptions { Model = model, Dim = 32, Epochs = 3, EvalEvery = 1, Patience = 10, LearningRate = 0.01f, Seed = 5 };
        TrainingResult Train() => Trainer.Train(data, assignment, options);

        var reference = WithThreads(1, Train);
        Assert.True(reference.Model.Parameters.Max(p => p.Length) > 1 << 15, "a parameter array should span several Adam blocks");
        foreach (int threads in OtherThreadCounts)
        {
            var other = WithThreads(threads, Train);
            for (int k = 0; k < reference.Model.Parameters.Count; k++)
            {
                Assert.Equal(reference.Model.Parameters[k], other.Model.Parameters[k]);
            }

            Assert.Equal(reference.History.Select(h => h.Loss), other.History.Select(h => h.Loss));
            Assert.Equal(reference.Validation!.Recall, other.Validation!.Recall);
            Assert.Equal(reference.Test!.Ndcg, other.Test!.Ndcg);
        }
    }

    [Fact]
    public void GraphBuildingInSeveralPartsEqualsTheSequentialCountingSort()
    {
        // Over 2^18 edges, so the item side is counted and scattered in several parts.
        const int users = 5_000, items = 3_000, edges = 700_000;
        var rng = new System.Random(11);
        var u = new int[edges];
        var i = new int[edges];
        for (int k = 0; k < edges; k++)
        {
            u[k] = rng.Next(users);
            i[k] = rng.Next(items);
        }

        var reference = WithThreads(1, () => BipartiteGraph.FromPairs(users, items, u, i));
        var parallel = WithThreads(8, () => BipartiteGraph.FromPairs(users, items, u, i));
        Assert.Equal(reference.ItemOffsets, parallel.ItemOffsets);
        Assert.Equal(reference.ItemUsers, parallel.ItemUsers);

        // Each item's users ascending: what a stable sort of the (user, item)-sorted list gives.
        var expected = new List<int>[items];
        for (int k = 0; k < items; k++)
        {
            expected[k] = [];
        }

        for (int x = 0; x < users; x++)
        {
            foreach (int item in reference.ItemsOf(x))
            {
                expected[item].Add(x);
            }
        }

        Assert.Equal(expected.SelectMany(l => l), parallel.ItemUsers.ToArray());
    }

    [Fact]
    public void ThreadsOutsideTheRangeAreRefusedWithTheSettingsName()
    {
        var e = Assert.Throws<InvalidSettingException>(() => Parallelism.Threads = 0);
        Assert.Equal(nameof(Parallelism.Threads), e.Setting);
        Assert.Throws<InvalidSettingException>(() => Parallelism.Threads = Parallelism.MaxThreads + 1);
    }

    private static T WithThreads<T>(int threads, Func<T> work)
    {
        int previous = Parallelism.Threads;
        Parallelism.Threads = threads;
        try
        {
            return work();
        }
        finally
        {
            Parallelism.Threads = previous;
        }
    }
}
