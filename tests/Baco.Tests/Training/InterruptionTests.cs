using Baco.Codebooks;
using Baco.Data;
using Baco.Tests.TestSupport;
using Baco.Training;

namespace Baco.Tests.Training;

/// <summary>Cancellation, resuming, the training time over resumes and the early-stopping ETA.</summary>
[Trait("Category", "Fault")]
public sealed class InterruptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dataset _data = TinyData.RandomDataset(users: 30, items: 20, perUser: 6);

    public void Dispose() => _dir.Dispose();

    private static TrainingOptions Options => new() { Dim = 4, Epochs = 6, BatchSize = 32, LearningRate = 0.01f, EvalEvery = 2, Seed = 11, ProgressEvery = 1 };

    private TrainingResult Train(TrainingOptions options, Action<TrainingProgress, ManualClock>? onProgress = null, CancellationTokenSource? cancel = null)
    {
        var clock = new ManualClock();
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            // Every epoch takes ten seconds on this clock.
            if (p.Phase == TrainingPhase.EpochEnd)
            {
                clock.Advance(10);
            }

            onProgress?.Invoke(p, clock);
        });
        return Trainer.Train(_data, CodebookAssignment.Full(_data.UserCount, _data.ItemCount), options, progress, clock, cancel?.Token ?? TestContext.Current.CancellationToken);
    }

    [Fact]
    public void ACancelledCheckpointedRunSavesSaysWhereAndResumesToTheSameBitsAndSeconds()
    {
        var uninterrupted = Train(Options);
        Assert.Equal(60, uninterrupted.Seconds);

        string path = _dir["ck.bin"];
        var reports = new List<TrainingProgress>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Assert.ThrowsAny<OperationCanceledException>(() => Train(Options with { CheckpointPath = path }, (p, _) =>
        {
            reports.Add(p);
            if (p.Phase == TrainingPhase.EpochEnd && p.Epoch == 3)
            {
                cts.Cancel();
            }
        }, cts));
        var interrupted = reports[^1];
        Assert.Equal(TrainingPhase.Interrupted, interrupted.Phase);
        Assert.Equal(3, interrupted.Epoch);
        Assert.Equal(path, interrupted.Checkpoint);
        Assert.DoesNotContain(reports, p => p.Epoch > 3);

        reports.Clear();
        var resumed = Train(Options with { CheckpointPath = path }, (p, _) => reports.Add(p));
        Assert.Equal(TrainingPhase.Resumed, reports[0].Phase);
        Assert.Equal(3, reports[0].Epoch);
        Assert.Equal(path, reports[0].Checkpoint);
        Assert.Equal(4, reports[1].Epoch);

        Assert.Equal(uninterrupted.Model.Parameters[0], resumed.Model.Parameters[0]);
        Assert.Equal(uninterrupted.Model.Parameters[1], resumed.Model.Parameters[1]);
        Assert.Equal(uninterrupted.History, resumed.History);
        Assert.Equal(uninterrupted.Test!.Ndcg, resumed.Test!.Ndcg);

        // 30 seconds before the interruption, 30 after the resume.
        Assert.Equal(60, resumed.Seconds);
    }

    [Fact]
    public void WithoutACheckpointCancellationStopsWithinTheEpoch()
    {
        var reports = new List<TrainingProgress>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Assert.ThrowsAny<OperationCanceledException>(() => Train(Options, (p, _) =>
        {
            reports.Add(p);
            if (p.Phase == TrainingPhase.Batch && p.Epoch == 2)
            {
                cts.Cancel();
            }
        }, cts));
        Assert.Equal(TrainingPhase.Interrupted, reports[^1].Phase);
        Assert.Equal(1, reports[^1].Epoch);
        Assert.Null(reports[^1].Checkpoint);

        // The epoch in progress did not finish.
        Assert.DoesNotContain(reports, p => p.Phase == TrainingPhase.EpochEnd && p.Epoch == 2);
    }

    /// <summary>
    /// A run cancelled in epoch 5 (validations at 2 and 4) hands over the best validated model of
    /// its completed epochs: bit for bit the model of the same run limited to 4 epochs. Cancelled
    /// before any validation, it has none to hand over.
    /// </summary>
    [Fact]
    public void CancellationHandsOverTheBestValidatedModelOfTheCompletedEpochs()
    {
        var shorter = Train(Options with { Epochs = 4 });
        var interrupted = CancelledInEpoch(5);
        Assert.Equal(4, interrupted.CompletedEpochs);
        var best = Assert.IsType<TrainingResult>(interrupted.BestSoFar);
        Assert.Equal(shorter.BestEpoch, best.BestEpoch);
        Assert.Equal(shorter.Model.Parameters[0], best.Model.Parameters[0]);
        Assert.Equal(shorter.Model.Parameters[1], best.Model.Parameters[1]);
        Assert.Equal(shorter.Test!.Ndcg, best.Test!.Ndcg);

        var unvalidated = CancelledInEpoch(2);
        Assert.Equal(1, unvalidated.CompletedEpochs);
        Assert.Null(unvalidated.BestSoFar);

        TrainingInterruptedException CancelledInEpoch(int epoch)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            return Assert.Throws<TrainingInterruptedException>(() => Train(Options, (p, _) =>
            {
                if (p.Phase == TrainingPhase.Batch && p.Epoch == epoch)
                {
                    cts.Cancel();
                }
            }, cts));
        }
    }

    [Fact]
    public void CancellingAFinishedCheckpointedRunBeforeItsTestEvaluationKeepsItResumable()
    {
        string path = _dir["ck.bin"];
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Assert.ThrowsAny<OperationCanceledException>(() => Train(Options with { CheckpointPath = path }, (p, _) =>
        {
            if (p.Phase == TrainingPhase.Validation && p.Epoch == 6)
            {
                cts.Cancel();
            }
        }, cts));

        var reports = new List<TrainingProgress>();
        var resumed = Train(Options with { CheckpointPath = path }, (p, _) => reports.Add(p));
        Assert.Equal([TrainingPhase.Resumed], reports.Select(p => p.Phase));
        Assert.Equal(6, resumed.EpochsRun);
        Assert.Equal(60, resumed.Seconds);
    }

    [Fact]
    public void ACancelBeforeTheFirstEpochLeavesACheckpointOfTheStart()
    {
        // bench cancelled while compressing: training starts with the token already set.
        string path = _dir["ck.bin"];
        var reports = new List<TrainingProgress>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Train(Options with { CheckpointPath = path }, (p, _) => reports.Add(p), cts));
        var only = Assert.Single(reports);
        Assert.Equal((TrainingPhase.Interrupted, 0, path), (only.Phase, only.Epoch, only.Checkpoint));

        var resumed = Train(Options with { CheckpointPath = path });
        var fresh = Train(Options);
        Assert.Equal(fresh.Model.Parameters[0], resumed.Model.Parameters[0]);
        Assert.Equal(fresh.History, resumed.History);
    }

    [Fact]
    public void TheEarlyStopEtaCountsTheEpochsPatienceLeaves()
    {
        // At the end of epoch 1 (no validation yet): the first validation, at epoch 1, starts a patience of 3,
        // so the run ends by epoch 4 unless it improves; the limit is epoch 200.
        var reports = new List<TrainingProgress>();
        Train(Options with { Epochs = 200, EvalEvery = 1, Patience = 3 }, (p, _) => reports.Add(p));
        var first = reports.First(p => p.Phase == TrainingPhase.EpochEnd);
        Assert.Equal(3.0 / 199.0, first.EarlyStopEta!.Value / first.Eta, 3);

        // Patience 0 with validation every 5: the first validation (epoch 5) improves, so the
        // earliest stop is the next one, epoch 10.
        reports.Clear();
        Train(Options with { Epochs = 200, EvalEvery = 5, Patience = 0 }, (p, _) => reports.Add(p));
        first = reports.First(p => p.Phase == TrainingPhase.EpochEnd);
        Assert.Equal(9.0 / 199.0, first.EarlyStopEta!.Value / first.Eta, 3);

        // Without validation there is no early stop.
        reports.Clear();
        Train(Options with { EvalEvery = 0, Epochs = 2 }, (p, _) => reports.Add(p));
        Assert.All(reports, p => Assert.Null(p.EarlyStopEta));
    }

    /// <summary>A clock that moves only when told, so training times are exact.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(int seconds) => _ticks += seconds * TimeSpan.TicksPerSecond;
    }
}
