using Baco.Codebooks;
using Baco.Data;
using Baco.Tests.TestSupport;
using Baco.Training;

namespace Baco.Tests.Training;

/// <summary>A non-finite loss stops training at once, with a hint and the best validated model so far.</summary>
[Trait("Category", "Fault")]
public class DivergenceTests
{
    private static readonly Dataset Data = TinyData.RandomDataset(users: 20, items: 12, perUser: 5);

    private static TrainingOptions Huge => new() { Dim = 4, Epochs = 5, BatchSize = 16, LearningRate = 1e30f, L2Regularization = 1e30f, EvalEvery = 1, Seed = 3 };

    private static TrainingResult Train(TrainingOptions options)
        => Trainer.Train(Data, CodebookAssignment.Full(Data.UserCount, Data.ItemCount), options, null, TestContext.Current.CancellationToken);

    [Fact]
    public void DivergingInTheFirstEpochKeepsNothing()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<TrainingDivergedException>(() => Train(Huge with { CheckpointPath = dir["ck.bin"] }));
        Assert.Equal(1, ex.Epoch);
        Assert.Null(ex.BestSoFar);
        Assert.StartsWith("training diverged in epoch 1: the loss of step 2 of ", ex.Message);
        Assert.Contains("learning rate 1E+30", ex.Message);
        Assert.Contains("lower the learning rate", ex.Message);

        // No checkpoint of a diverged state.
        Assert.False(File.Exists(dir["ck.bin"]));
    }

    [Fact]
    public void AValidatedEpochBeforeTheDivergenceIsHandedOver()
    {
        // One step per epoch: epoch 1's single update is finite (huge), is validated, and epoch 2's loss overflows.
        var options = Huge with { BatchSize = 1 << 20, L2Regularization = 0 };
        var ex = Assert.Throws<TrainingDivergedException>(() => Train(options));
        Assert.Equal(2, ex.Epoch);
        var best = Assert.IsType<TrainingResult>(ex.BestSoFar);
        Assert.Equal(1, best.BestEpoch);
        Assert.Equal(1, best.EpochsRun);
        Assert.Single(best.History);
        Assert.NotNull(best.Test);
        Assert.Contains("best validated model so far is from epoch 1", ex.Message);

        // It is the model a one-epoch run ends with.
        var oneEpoch = Train(options with { Epochs = 1 });
        Assert.Equal(oneEpoch.Model.Parameters[0], best.Model.Parameters[0]);
        Assert.Equal(oneEpoch.Model.Parameters[1], best.Model.Parameters[1]);
    }

    [Fact]
    public void SaneSettingsDoNotTrip()
        => Assert.All(Train(Huge with { LearningRate = 0.01f, L2Regularization = 1e-4f }).History, h => Assert.True(double.IsFinite(h.Loss)));
}
