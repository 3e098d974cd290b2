using Baco.Codebooks;
using Baco.Data;
using Baco.Models;
using Baco.Tests.TestSupport;
using Baco.Training;

namespace Baco.Tests.Training;

public class TrainerTests
{
    private static TrainingOptions Small(ModelKind kind = ModelKind.LightGcn) => new()
    {
        Model = kind,
        Dim = 8,
        Epochs = 6,
        BatchSize = 64,
        LearningRate = 0.01f,
        EvalEvery = 2,
        Patience = 50,
        Seed = 42,
    };

    [Theory]
    [InlineData(ModelKind.LightGcn)]
    [InlineData(ModelKind.MatrixFactorization)]
    public void SameSeedGivesIdenticalBits(ModelKind kind)
    {
        var data = TinyData.RandomDataset();
        var assignment = CodebookAssignment.Full(data.UserCount, data.ItemCount);
        var a = Train(data, assignment, Small(kind));
        var b = Train(data, assignment, Small(kind));
        Assert.Equal(a.Model.Parameters[0], b.Model.Parameters[0]);
        Assert.Equal(a.Model.Parameters[1], b.Model.Parameters[1]);
        Assert.Equal(a.Test!.Recall, b.Test!.Recall);
        Assert.Equal(a.History.Select(h => h.Loss), b.History.Select(h => h.Loss));

        var c = Train(data, assignment, Small(kind) with { Seed = 43 });
        Assert.NotEqual(a.Model.Parameters[0], c.Model.Parameters[0]);
    }

    [Fact]
    public void UniformUserSamplingIsDeterministicAndLearns()
    {
        var data = TinyData.RandomDataset();
        var assignment = CodebookAssignment.Full(data.UserCount, data.ItemCount);
        var options = Small() with { Sampling = PositiveSampling.UniformUsers, Epochs = 20, EvalEvery = 5 };
        var a = Train(data, assignment, options);
        var b = Train(data, assignment, options);
        Assert.Equal(a.Model.Parameters[1], b.Model.Parameters[1]);
        Assert.True(a.History[^1].Loss < a.History[0].Loss);
    }

    [Fact]
    public void TrainingLowersLossAndBeatsRandomOnHeldOut()
    {
        var data = TinyData.RandomDataset();
        var assignment = new CodebookAssignment("labels", SideAssignment.FromLabels([.. Enumerable.Range(0, data.UserCount).Select(u => u % 20)], 20), SideAssignment.Identity(data.ItemCount));
        var result = Train(data, assignment, Small() with { Epochs = 30, EvalEvery = 5 });
        Assert.True(result.History[^1].Loss < result.History[0].Loss);

        // Users favour a quarter of the items; a random ranking would find about 20 / 40 of them at K=20.
        Assert.True(result.Test!.RecallAt(10) > 0.4, result.Test.Summary());
        Assert.True(result.BestEpoch % 5 == 0);
    }

    [Fact]
    public void CheckpointResumeEqualsUninterruptedRun()
    {
        var data = TinyData.RandomDataset();
        var assignment = new CodebookAssignment("two", new SideAssignment(30, [.. Enumerable.Range(0, data.UserCount).SelectMany(u => new[] { u % 30, (u * 7) % 30 })], [.. Enumerable.Range(0, data.UserCount + 1).Select(e => (long)(2 * e))]), SideAssignment.Identity(data.ItemCount));
        string dir = Path.Combine(Path.GetTempPath(), "baco-ckpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var options = Small() with { CheckpointEvery = 1 };
            var full = Train(data, assignment, options with { CheckpointPath = Path.Combine(dir, "a.ckpt") });

            string path = Path.Combine(dir, "b.ckpt");
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var stopAfter3 = new SyncProgress<TrainingProgress>(p =>
            {
                if (p.Phase == TrainingPhase.EpochEnd && p.Epoch == 3)
                {
                    cts.Cancel();
                }
            });
            Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Train(data, assignment, options with { CheckpointPath = path }, stopAfter3, cts.Token));
            var resumed = Train(data, assignment, options with { CheckpointPath = path });

            Assert.Equal(full.Model.Parameters[0], resumed.Model.Parameters[0]);
            Assert.Equal(full.Model.Parameters[1], resumed.Model.Parameters[1]);
            Assert.Equal(full.BestEpoch, resumed.BestEpoch);
            Assert.Equal(full.EpochsRun, resumed.EpochsRun);
            Assert.Equal(full.Test!.Ndcg, resumed.Test!.Ndcg);
            Assert.Equal(full.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void EarlyStoppingKeepsBestModel()
    {
        var data = TinyData.RandomDataset();
        var assignment = CodebookAssignment.Full(data.UserCount, data.ItemCount);
        var result = Train(data, assignment, Small() with { Epochs = 200, EvalEvery = 1, Patience = 3, LearningRate = 0.05f });
        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + 3, result.EpochsRun);
        var best = result.History.Where(h => !double.IsNaN(h.ValidationRecall)).MaxBy(h => h.ValidationRecall)!;
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.ValidationRecall, result.Validation!.RecallAt(20));
    }

    [Trait("Category", "Fault")]
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void APatienceShorterThanTheValidationIntervalStillValidatesAndStopsOnlyAtAValidation(int patience)
    {
        // Before: patience 0 or 3 with validation every 5 stopped at epoch 1 or 3, before any validation.
        var data = TinyData.RandomDataset();
        var assignment = CodebookAssignment.Full(data.UserCount, data.ItemCount);
        var result = Train(data, assignment, Small() with { Epochs = 200, EvalEvery = 5, Patience = patience, LearningRate = 0.05f });

        Assert.NotNull(result.Validation);
        Assert.True(result.StoppedEarly);
        Assert.Equal(0, result.EpochsRun % 5);
        Assert.True(result.EpochsRun > result.BestEpoch);

        // The stop is the first validation at least `patience` epochs after the best one.
        int expected = (result.BestEpoch + Math.Max(patience, 1) + 4) / 5 * 5;
        Assert.Equal(expected, result.EpochsRun);
        var validated = result.History.Where(h => !double.IsNaN(h.ValidationRecall)).ToList();
        Assert.Equal(result.EpochsRun / 5, validated.Count);
        Assert.All(validated.Where(h => h.Epoch > result.BestEpoch), h => Assert.True(h.ValidationRecall <= validated.Single(v => v.Epoch == result.BestEpoch).ValidationRecall));
    }

    [Fact]
    public void ResumingAFinishedEarlyStoppedRunDoesNotTrainFurther()
    {
        var data = TinyData.RandomDataset();
        var assignment = CodebookAssignment.Full(data.UserCount, data.ItemCount);
        string path = Path.Combine(Path.GetTempPath(), "baco-ckpt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = Small() with { Epochs = 200, EvalEvery = 1, Patience = 3, LearningRate = 0.05f, CheckpointPath = path };
            var first = Train(data, assignment, options);
            var again = Train(data, assignment, options);
            Assert.True(again.StoppedEarly);
            Assert.Equal(first.EpochsRun, again.EpochsRun);
            Assert.Equal(first.Model.Parameters[0], again.Model.Parameters[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HoldOutSplitsEachUserSeeded()
    {
        var data = TinyData.RandomDataset(withValidation: false);
        var (train, val) = ValidationSplit.HoldOut(data.Train, 0.1, 9);
        var (train2, _) = ValidationSplit.HoldOut(data.Train, 0.1, 9);
        Assert.Equal(train.Items, train2.Items);
        Assert.Equal(data.Train.Count, train.Count + val.Count);
        Assert.Equal(data.UserCount, val.Users.Distinct().Count()); // 9 items each: round(0.9) = 1 held out
        var all = train.Users.Zip(train.Items).Concat(val.Users.Zip(val.Items)).ToHashSet();
        Assert.Equal(data.Train.Users.Zip(data.Train.Items).ToHashSet(), all);
    }

    [Fact]
    public void PrepareHoldsOutOnlyWhenThereIsNoValidationAndValidationIsOn()
    {
        var given = TinyData.RandomDataset();
        Assert.Same(given, ValidationSplit.Prepare(given, Small()));

        var bare = TinyData.RandomDataset(withValidation: false);
        Assert.Same(bare, ValidationSplit.Prepare(bare, Small() with { EvalEvery = 0 }));
        Assert.Same(bare, ValidationSplit.Prepare(bare, Small() with { ValidationFraction = 0 }));

        var prepared = ValidationSplit.Prepare(bare, Small() with { Seed = 9 });
        var (train, val) = ValidationSplit.HoldOut(bare.Train, Small().ValidationFraction, 9);
        Assert.Equal(train.Users, prepared.Train.Users);
        Assert.Equal(train.Items, prepared.Train.Items);
        Assert.Equal(val.Items, prepared.Validation!.Items);
        Assert.Same(bare.Test, prepared.Test);
        Assert.Same(bare.Users, prepared.Users);
    }

    [Fact]
    public void TrainingAPreparedDatasetEqualsTrainingTheRawOne()
    {
        // The CLI compresses the prepared dataset and trains it; the library path that
        // prepares inside Trainer must give the same model and figures.
        var bare = TinyData.RandomDataset(withValidation: false);
        var options = Small() with { Epochs = 3, EvalEvery = 1 };
        var full = CodebookAssignment.Full(bare.UserCount, bare.ItemCount);
        var a = Train(bare, full, options);
        var b = Train(ValidationSplit.Prepare(bare, options), full, options);
        Assert.Equal(a.Validation!.Recall, b.Validation!.Recall);
        Assert.Equal(a.Test!.Ndcg, b.Test!.Ndcg);
        Assert.Equal(a.Model.Parameters[0], b.Model.Parameters[0]);
    }

    [Fact]
    public void TrainsWithoutValidationSplitUsingHoldOut()
    {
        var data = TinyData.RandomDataset(withValidation: false);
        var result = Train(data, CodebookAssignment.Full(data.UserCount, data.ItemCount), Small() with { Epochs = 2 });
        Assert.NotNull(result.Validation);
        Assert.NotNull(result.Test);
    }

    [Fact]
    public void RejectsMismatchedAssignment()
    {
        var data = TinyData.RandomDataset();
        Assert.Throws<ArgumentException>(() => Train(data, CodebookAssignment.Full(3, 3), Small()));
    }

    private static TrainingResult Train(Dataset data, CodebookAssignment assignment, TrainingOptions options)
        => Trainer.Train(data, assignment, options, null, TestContext.Current.CancellationToken);
}
