using Baco.Codebooks;
using Baco.Reports;
using Baco.Tests.TestSupport;
using Baco.Training;

namespace Baco.Tests.Reports;

public class TrainingReportTests
{
    [Fact]
    public void MetricsJsonHoldsTestValidationAndHistory()
    {
        var data = TinyData.RandomDataset();
        var options = new TrainingOptions { Dim = 8, Epochs = 4, BatchSize = 64, LearningRate = 0.01f, EvalEvery = 2, Patience = 10 };
        var assignment = CodebookAssignment.Full(data.UserCount, data.ItemCount);
        var trained = Trainer.Train(data, assignment, options, null, TestContext.Current.CancellationToken);

        var json = TrainingReport.MetricsJson(trained, assignment, options, 0.25, "tiny");

        Assert.Equal("tiny", (string)json["source"]!);
        Assert.Equal(trained.BestEpoch, (int)json["best_epoch"]!);
        Assert.Equal(4, (int)json["epochs_run"]!);
        Assert.Equal(assignment.Parameters(8), (long)json["params"]!);
        Assert.Equal(trained.Test!.RecallAt(20), (double)json["test"]!["recall@20"]!);
        Assert.Equal(trained.Test.UsersEvaluated, (int)json["test"]!["users_evaluated"]!);
        Assert.Equal(trained.Validation!.NdcgAt(10), (double)json["validation"]!["ndcg@10"]!);

        // Every epoch has its loss; only the validated epochs (2 and 4) have a validation recall.
        var history = json["history"]!.AsArray();
        Assert.Equal([1, 2, 3, 4], history.Select(h => (int)h!["epoch"]!));
        Assert.All(history, h => Assert.True((double)h!["loss"]! > 0));
        Assert.Equal([false, true, false, true], history.Select(h => h!.AsObject().ContainsKey("validation_recall")));
    }

    [Fact]
    public void WithoutValidationTheValidationFieldIsNull()
    {
        var data = TinyData.RandomDataset();
        var options = new TrainingOptions { Dim = 8, Epochs = 2, BatchSize = 64, EvalEvery = 0 };
        var assignment = CodebookAssignment.Full(data.UserCount, data.ItemCount);
        var trained = Trainer.Train(data, assignment, options, null, TestContext.Current.CancellationToken);

        var json = TrainingReport.MetricsJson(trained, assignment, options, 0, "tiny");

        Assert.Null(trained.Validation);
        Assert.True(json.ContainsKey("validation"));
        Assert.Null(json["validation"]);
        Assert.All(json["history"]!.AsArray(), h => Assert.False(h!.AsObject().ContainsKey("validation_recall")));
    }
}
