using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Clustering;
using Baco.Clustering.Balanced;
using Baco.Data;
using Baco.Models;
using Baco.Reports;
using Baco.Tests.Cli;
using Baco.Tests.TestSupport;
using Baco.Training;
using Baco.Workflows;

namespace Baco.Tests.Workflows;

public class WorkflowTests
{
    // Fields of metrics.json that are wall times, so differ between two runs of the same training.
    private static readonly string[] Timings = ["training_seconds", "clustering_seconds"];

    private static TrainingOptions Small(int seed = 3) => new() { Model = ModelKind.MatrixFactorization, Dim = 8, Epochs = 2, EvalEvery = 1, ValidationFraction = 0.2, Seed = (ulong)seed };

    /// <summary>The CLI tests' small edge list as a training file (4 of 5 lines) and a test file (every 5th).</summary>
    private static (string Train, string Test) Files(TempDirectory tmp)
    {
        var lines = CliRunner.SmallEdges().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var train = new List<string> { lines[0] };
        var test = new List<string> { lines[0] };
        for (int k = 1; k < lines.Length; k++)
        {
            (k % 5 == 0 ? test : train).Add(lines[k]);
        }

        return (tmp.File("train.tsv", string.Join('\n', train) + "\n"), tmp.File("test.tsv", string.Join('\n', test) + "\n"));
    }

    private static Dataset Read(TempDirectory tmp)
    {
        var (train, test) = Files(tmp);
        return InteractionReader.Read(train, null, test);
    }

    private static TrainRequest Baco(TrainingOptions options) => new() { Training = options, Method = CompressionMethods.Create("baco", new BacoOptions()), Target = CompressionTarget.Knob(0.5) };

    private static StoredAssignment Store(TempDirectory tmp, CompressOutcome compressed, string name)
    {
        Directory.CreateDirectory(tmp[name]);
        compressed.WriteInto(tmp[name]);
        return AssignmentStore.Load(tmp[name]);
    }

    private static CompressOutcome Compress(TrainingData data) =>
        CompressWorkflow.Run(data, new CompressRequest { Method = CompressionMethods.Create("baco", new BacoOptions()), Target = CompressionTarget.Knob(0.5), Dim = 8, Seed = 3 });

    [Trait("Category", "Fault")]
    [Fact]
    public void TrainingDataHasNoConstructorAndItsFactoriesApplyTheHoldOut()
    {
        Assert.Empty(typeof(TrainingData).GetConstructors());
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        var options = Small();

        var data = TrainingData.ForTraining(raw, options, "here");
        Assert.Equal(ValidationHoldOut.Seeded(0.2, 3), data.HoldOut);
        Assert.Equal("here", data.Source);
        var (train, validation) = ValidationSplit.HoldOut(raw.Train, 0.2, 3);
        Assert.Equal(train.Users, data.Dataset.Train.Users);
        Assert.Equal(train.Items, data.Dataset.Train.Items);
        Assert.Equal(validation.Items, data.Dataset.Validation!.Items);
        Assert.Equal(raw.Train.Count, data.Seen.Count);

        // Compressing for that run takes the very same split; without validation nothing is held out.
        Assert.Equal(data.Dataset.Train.Items, TrainingData.ForCompression(raw, 0.2, 3).Dataset.Train.Items);
        var none = TrainingData.ForTraining(raw, options with { EvalEvery = 0 });
        Assert.Equal(ValidationHoldOut.None, none.HoldOut);
        Assert.Same(raw, none.Dataset);

        // Nor for a run of 0 epochs (evaluating a warm start): it never validates.
        var evaluationOnly = TrainingData.ForTraining(raw, options with { Epochs = 0 });
        Assert.Equal(ValidationHoldOut.None, evaluationOnly.HoldOut);
        Assert.Same(raw, evaluationOnly.Dataset);

        // A validation file is kept as it is.
        var withFile = raw with { Validation = validation, Train = train };
        Assert.Equal(ValidationHoldOut.Given, TrainingData.ForTraining(withFile, options).HoldOut);
        Assert.Same(withFile, TrainingData.ForTraining(withFile, options).Dataset);

        // A hold-out that takes nothing (every user has 2 interactions; round(2 x 0.2) = 0) is refused, not a run without validation.
        var sparse = new Dataset(IdMap.Identity(3), IdMap.Identity(3), InteractionList.FromPairs([0, 0, 1, 1, 2, 2], [0, 1, 1, 2, 2, 0]));
        var empty = Assert.Throws<UnusableDataException>(() => TrainingData.ForTraining(sparse, options));
        Assert.Contains("the validation hold-out of 0.2 is empty", empty.Message, StringComparison.Ordinal);

        // A compression for such a run is refused the same way, before it clusters.
        var forCompression = Assert.Throws<UnusableDataException>(() => TrainingData.ForCompression(sparse, 0.2, 3));
        Assert.Equal(empty.Message, forCompression.Message);
        Assert.Equal(ValidationHoldOut.None, TrainingData.ForCompression(sparse, 0, 3).HoldOut);
        Assert.Equal(ValidationHoldOut.None, TrainingData.ForTraining(sparse, options with { ValidationFraction = 0 }).HoldOut);
    }

    [Fact]
    public void DataPreparedWithoutTheRunsHoldOutAreRefusedNamingTheSetting()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        var whole = TrainingData.ForCompression(raw, 0, 3);
        var e = Assert.Throws<InvalidSettingException>(() => TrainWorkflow.Prepare(whole, Baco(Small())));
        Assert.Equal(nameof(TrainingOptions.ValidationFraction), e.Setting);
        Assert.Contains("no validation part", e.Reason, StringComparison.Ordinal);
        Assert.Contains("a hold-out of 0.2 with seed 3", e.Reason, StringComparison.Ordinal);

        var otherSeed = TrainingData.ForCompression(raw, 0.2, 4);
        Assert.Throws<InvalidSettingException>(() => ComparisonWorkflow.Run(otherSeed, new ComparisonOptions { Methods = ["full"], Training = Small() }, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void TrainWorkflowGivesTheModelAndMetricsOfTheCli()
    {
        using var tmp = new TempDirectory();
        var (train, test) = Files(tmp);
        string cliModel = tmp["cli"];
        var (code, _, err) = CliRunner.Run("train", "--train", train, "--test", test, "--method", "baco", "--gamma", "0.5",
            "--model", "mf", "--dim", "8", "--epochs", "2", "--eval-every", "1", "--val-fraction", "0.2", "--seed", "3", "--out", cliModel);
        Assert.True(code == 0, err);

        var data = TrainingData.ForTraining(InteractionReader.Read(train, null, test), Small(), Path.GetFullPath(train));
        var progress = new List<WorkflowProgress>();
        var outcome = TrainWorkflow.Run(data, Baco(Small()), new Recorder(progress), TestContext.Current.CancellationToken);
        Directory.CreateDirectory(tmp["lib"]);
        outcome.WriteModel(tmp["lib"]);

        foreach (string file in Directory.GetFiles(cliModel).Select(Path.GetFileName).Where(f => f is not ("metrics.json" or ".baco-output" or "summary.json"))!)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(cliModel, file)), File.ReadAllBytes(Path.Combine(tmp["lib"], file)));
        }

        var cliMetrics = JsonNode.Parse(File.ReadAllText(Path.Combine(cliModel, "metrics.json")))!.AsObject();
        var metrics = TrainingReport.MetricsJson(outcome);
        foreach (string timing in Timings)
        {
            cliMetrics.Remove(timing);
            metrics.Remove(timing);
        }

        Assert.Equal(cliMetrics.ToJsonString(), metrics.ToJsonString());
        Assert.Equal("mf", (string)metrics["model"]!);
        Assert.Contains(progress, p => p.Kind == WorkflowProgressKind.Status && p.Message.StartsWith("training MF (dim 8", StringComparison.Ordinal));
        Assert.Contains(progress, p => p.Kind == WorkflowProgressKind.Training && p.Training!.Phase == TrainingPhase.Validation);
    }

    [Fact]
    public void AnAssignmentCompressedInMemoryTrainsWithoutARoundTripThroughFiles()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        var options = Small();
        var run = TrainingData.ForTraining(raw, options);

        // Compressed from the run's own split: no leak, so no refusal and no note.
        var compressed = CompressWorkflow.Run(run, new CompressRequest { Method = CompressionMethods.Create("baco", new BacoOptions()), Target = CompressionTarget.Knob(0.5), Dim = options.Dim });
        var stored = compressed.ToStoredAssignment();
        var progress = new List<WorkflowProgress>();
        var trained = TrainWorkflow.Run(run, new TrainRequest { Training = options, Assignment = stored }, new Recorder(progress), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(progress, p => p.Kind == WorkflowProgressKind.Note);
        Assert.Equal(compressed.Assignment.Users.Codes, trained.Training.Model.Assignment.Users.Codes);

        // The same as through the files.
        string dir = tmp["written"];
        compressed.WriteInto(dir);
        var loaded = AssignmentStore.Load(dir);
        Assert.Equal(loaded.Summary.ToJsonString(), stored.Summary.ToJsonString());
        Assert.Equal(loaded.Users.Count, stored.Users.Count);
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void AStoredAssignmentThatSawTheValidationPartIsRefusedUnlessNotesAreAsked()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        var run = TrainingData.ForTraining(raw, Small());

        var whole = Store(tmp, Compress(TrainingData.ForCompression(raw, 0, 3)), "whole");
        var request = Baco(Small()) with { Method = null, Assignment = whole, AssignmentSource = "whole-dir" };
        var e = Assert.Throws<AssignmentMismatchException>(() => TrainWorkflow.Prepare(run, request));
        Assert.Equal(AssignmentMismatch.HoldOut, e.Kind);
        Assert.Equal(nameof(TrainRequest.Assignment), e.Setting);
        Assert.Equal(HoldOutMismatchKind.SawValidation, e.HoldOut!.Kind);
        Assert.StartsWith("whole-dir was computed from all training interactions", e.Message, StringComparison.Ordinal);

        // As a note, training goes on; the note carries the mismatch.
        var progress = new List<WorkflowProgress>();
        var prepared = TrainWorkflow.Prepare(run, request with { HoldOutPolicy = HoldOutPolicy.Note }, new Recorder(progress));
        Assert.Equal(HoldOutMismatchKind.SawValidation, prepared.HoldOutMismatch!.Kind);
        Assert.Equal(HoldOutMismatchKind.SawValidation, Assert.Single(progress, p => p.Kind == WorkflowProgressKind.Note).HoldOut!.Kind);

        // Another seed: it saw part of the validation interactions.
        var other = Store(tmp, Compress(TrainingData.ForCompression(raw, 0.2, 4)), "other");
        Assert.Equal(HoldOutMismatchKind.OtherHoldOut, Assert.Throws<AssignmentMismatchException>(() => TrainWorkflow.Prepare(run, request with { Assignment = other })).HoldOut!.Kind);

        // A run that never validates (its interval past its epochs) has no scores a leak could
        // inflate: accepted, with no note.
        var idle = Small() with { EvalEvery = 3 };
        var quiet = new List<WorkflowProgress>();
        var unvalidated = TrainWorkflow.Prepare(TrainingData.ForTraining(raw, idle), request with { Training = idle }, new Recorder(quiet));
        Assert.Null(unvalidated.HoldOutMismatch);
        Assert.DoesNotContain(quiet, p => p.Kind == WorkflowProgressKind.Note);

        // The same hold-out: accepted, and the very assignment the workflow computes itself.
        var same = Store(tmp, Compress(TrainingData.ForCompression(raw, 0.2, 3)), "same");
        var stored = TrainWorkflow.Prepare(run, request with { Assignment = same });
        Assert.Null(stored.HoldOutMismatch);
        var own = TrainWorkflow.Prepare(run, Baco(Small()));
        Assert.Equal(own.Assignment.Users.Codes, stored.Assignment.Users.Codes);
        Assert.Equal(own.Assignment.Items.Codes, stored.Assignment.Items.Codes);

        // An assignment made without interactions a run without hold-out trains on is only noted.
        var noHoldOut = TrainingData.ForTraining(raw, Small() with { EvalEvery = 0 });
        var missed = TrainWorkflow.Prepare(noHoldOut, request with { Training = Small() with { EvalEvery = 0 }, Assignment = same });
        Assert.Equal(HoldOutMismatchKind.MissedTraining, missed.HoldOutMismatch!.Kind);
    }

    [Fact]
    public void AnAssignmentOfAnotherIdSpaceIsRefusedNamingTheFirstDifference()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        var otherData = InteractionReader.Read(tmp.File("other.tsv", "a\tx\nb\ty\nb\tx\n"));
        var other = Store(tmp, Compress(TrainingData.ForCompression(otherData, 0, 0)), "other");
        var request = new TrainRequest { Training = Small(), Assignment = other, AssignmentSource = "other-dir" };
        var e = Assert.Throws<AssignmentMismatchException>(() => TrainWorkflow.Prepare(TrainingData.ForTraining(raw, Small()), request));
        Assert.Equal(AssignmentMismatch.IdSpace, e.Kind);
        Assert.Equal("other-dir", e.Location);
        Assert.Equal("user number 0 is 'a' there and 'u0' here", e.Problem);
        Assert.Null(StoredAssignmentChecks.IdSpaceDifference(AssignmentStore.Load(tmp["other"]), otherData));

        // Read against the assignment, the same ids match and only the entities it lacks differ.
        var stored = AssignmentStore.Load(tmp["other"]);
        var against = new ReadOptions { KnownUsers = stored.Users, KnownItems = stored.Items };
        var fewer = InteractionReader.Read(tmp.File("fewer.tsv", "b\tx\n"), options: against);
        Assert.Null(StoredAssignmentChecks.IdSpaceDifference(stored, fewer));
        var wider = InteractionReader.Read(tmp.File("wider.tsv", "b\tx\nc\tx\nd\ty\nb\tz\n"), options: against);
        Assert.Equal("2 users of the data are not in it (e.g. 'c')", StoredAssignmentChecks.IdSpaceDifference(stored, wider));
        var oneItem = InteractionReader.Read(tmp.File("item.tsv", "b\tx\na\tz\n"), options: against);
        Assert.Equal("1 item of the data is not in it (e.g. 'z')", StoredAssignmentChecks.IdSpaceDifference(stored, oneItem));
    }

    [Fact]
    public void CompressWorkflowRecordsTheHoldOutItCompressedWithout()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        var compressed = Compress(TrainingData.ForCompression(raw, 0.2, 3, "data.tsv"));
        var holdOut = compressed.SummaryJson[ValidationHoldOut.SummaryKey]!;
        Assert.Equal(0.2, (double)holdOut[ValidationHoldOut.FractionKey]!);
        Assert.Equal(3, (long)holdOut[ValidationHoldOut.SeedKey]!);
        Assert.Equal("data.tsv", (string)compressed.SummaryJson["source"]!);
        Assert.Equal(ValidationHoldOut.Seeded(0.2, 3), ValidationHoldOut.FromSummary(compressed.SummaryJson));
        Assert.Null(Compress(TrainingData.ForCompression(raw, 0, 3)).SummaryJson[ValidationHoldOut.SummaryKey]);
        Assert.Equal(ValidationHoldOut.None, ValidationHoldOut.FromSummary(new JsonObject()));
    }

    /// <summary>The full table ignores the target, so its summary names none rather than the budget it was handed.</summary>
    [Fact]
    public void TheFullTablesSummaryNamesNoBudget()
    {
        using var tmp = new TempDirectory();
        var data = TrainingData.ForCompression(Read(tmp), 0, 3);
        var request = new CompressRequest { Method = new FullTable(), Target = CompressionTarget.Fraction(0.25), Dim = 8, Seed = 3 };
        Assert.Equal("none: the full table", (string)CompressWorkflow.Run(data, request).SummaryJson["target"]!);
        var hashed = new CompressRequest { Method = CompressionMethods.Create("random", new BacoOptions()), Target = CompressionTarget.Fraction(0.25), Dim = 8, Seed = 3 };
        Assert.Equal("budget 0.25 of the full table", (string)CompressWorkflow.Run(data, hashed).SummaryJson["target"]!);
    }

    [Fact]
    public void HoldOutMismatchFollowsTheStoredAndTheRunsHoldOut()
    {
        var a = ValidationHoldOut.Seeded(0.1, 1);
        Assert.Null(HoldOutMismatch.Between(a, a));
        Assert.Null(HoldOutMismatch.Between(ValidationHoldOut.None, ValidationHoldOut.Given));
        Assert.Null(HoldOutMismatch.Between(ValidationHoldOut.None, ValidationHoldOut.None));
        Assert.Equal(HoldOutMismatchKind.SawValidation, HoldOutMismatch.Between(ValidationHoldOut.None, a)!.Kind);
        Assert.Equal(HoldOutMismatchKind.OtherHoldOut, HoldOutMismatch.Between(ValidationHoldOut.Seeded(0.2, 1), a)!.Kind);
        Assert.Equal(HoldOutMismatchKind.OtherHoldOut, HoldOutMismatch.Between(ValidationHoldOut.Seeded(0.1, 2), a)!.Kind);
        var missed = HoldOutMismatch.Between(a, ValidationHoldOut.Given)!;
        Assert.Equal(HoldOutMismatchKind.MissedTraining, missed.Kind);
        Assert.False(missed.LeaksValidation);
        Assert.Throws<InvalidSettingException>(() => ValidationHoldOut.Seeded(0, 1));
    }

    /// <summary>
    /// A checkpoint that can no longer be written in the second method (its folder became a
    /// file: a full disk, as far as the write can tell) fails that method's row and the ones
    /// after it; the method finished before it keeps its figures.
    /// </summary>
    [Fact]
    [Trait("Category", "Fault")]
    public void ACheckpointThatCannotBeWrittenFailsItsMethodNotTheComparison()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        string folder = tmp["cks"];
        var options = new ComparisonOptions { Methods = ["full", "random"], Target = CompressionTarget.Fraction(0.5), Training = Small() with { Epochs = 4, EvalEvery = 2, CheckpointPath = Path.Combine(folder, "ck") } };
        var progress = new SyncProgress<ComparisonProgress>(p =>
        {
            if (p.Method == "random" && p.Training is { Phase: TrainingPhase.EpochEnd, Epoch: 3 })
            {
                Directory.Delete(folder, recursive: true);
                File.WriteAllText(folder, "in the way");
            }
        });
        var result = ComparisonWorkflow.Run(TrainingData.ForTraining(raw, options.Training, "train.tsv"), options, progress, TestContext.Current.CancellationToken);
        Assert.True(result.Methods[0].Succeeded);
        Assert.False(result.Methods[1].Succeeded);
        Assert.True(result.Methods[1].FailedOnInput);
        Assert.Contains("ck.random: cannot be written", result.Methods[1].Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Cancelled in its second method's fifth epoch, a comparison hands over what it has: the
    /// finished method, the interrupted one with how far it got (not compared), and the one that
    /// never ran; the report says it is partial.
    /// </summary>
    [Fact]
    [Trait("Category", "Fault")]
    public void ACancelledComparisonHandsOverTheMethodsItFinished()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        var options = new ComparisonOptions { Methods = ["full", "random", "hash"], Target = CompressionTarget.Fraction(0.5), Training = Small() with { Epochs = 6, EvalEvery = 2 } };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SyncProgress<ComparisonProgress>(p =>
        {
            if (p.Method == "random" && p.Training is { Phase: TrainingPhase.EpochEnd, Epoch: 4 })
            {
                cts.Cancel();
            }
        });
        var e = Assert.Throws<ComparisonInterruptedException>(() => ComparisonWorkflow.Run(TrainingData.ForTraining(raw, options.Training, "train.tsv"), options, progress, cts.Token));
        var methods = e.Partial.Methods;
        Assert.Equal(["full", "random", "hash"], methods.Select(m => m.Method));
        Assert.True(methods[0].Succeeded);
        Assert.False(methods[0].Interrupted);
        Assert.True(methods[1].Interrupted);
        Assert.Matches(@"^interrupted after 4 epochs \(best validated epoch [24]: validation Recall@20 \d+\.\d{3} %\)", methods[1].Error);
        Assert.EndsWith(", so not compared", methods[1].Error, StringComparison.Ordinal);
        Assert.NotNull(methods[1].Compression);
        Assert.Equal((true, "not run: the comparison was interrupted"), (methods[2].Interrupted, methods[2].Error));

        string report = ComparisonReport.Markdown(e.Partial);
        Assert.Contains("**The comparison was interrupted**: 1 of 3 methods finished", report, StringComparison.Ordinal);
        var rows = ComparisonReport.Json(e.Partial)["methods"]!.AsArray();
        Assert.Equal([false, true, true], rows.Select(r => r!["interrupted"] is not null));
        Assert.Null(ComparisonReport.Json(e.Partial)["recommended"]); // only compressed methods are recommended, and none finished
        Assert.True((bool)ComparisonReport.Json(e.Partial)["interrupted"]!);
        Assert.Null(ComparisonReport.Json(new ComparisonResult([methods[0]], e.Partial.Data, options))["interrupted"]);
    }

    [Fact]
    public void ComparisonWorkflowReportsWithTheOneModelSpelling()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        var options = new ComparisonOptions { Methods = ["full", "random"], Target = CompressionTarget.Fraction(0.5), Training = Small() with { Epochs = 1 } };
        var result = ComparisonWorkflow.Run(TrainingData.ForTraining(raw, options.Training, "/data/train.tsv"), options, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.AllSucceeded, string.Join("; ", result.Methods.Select(m => m.Error)));
        Assert.Equal(["full", "random"], result.Methods.Select(m => m.Method));
        Assert.Equal("MF on train.tsv, budget 0.5 of the full table, dim 8", result.Title);
        var settings = ComparisonReport.Settings(result);
        Assert.Equal("mf", (string)settings["model"]!);
        Assert.Equal("normal", (string)settings["init"]!);
        Assert.Equal(raw.Train.Count, (int)settings["train_interactions"]!);
        Assert.StartsWith("# MF on train.tsv", ComparisonReport.Markdown(result), StringComparison.Ordinal);
    }

    [Fact]
    public void AComparisonRefusesAMethodsCheckpointOfOtherSettingsBeforeAnyMethodTrains()
    {
        using var tmp = new TempDirectory();
        var raw = Read(tmp);
        string ck = tmp["ck"];
        var first = new ComparisonOptions { Methods = ["random"], Target = CompressionTarget.Fraction(0.5), Training = Small() with { Epochs = 1, LearningRate = 0.01f, CheckpointPath = ck } };
        Assert.True(ComparisonWorkflow.Run(TrainingData.ForTraining(raw, first.Training, "train.tsv"), first, cancellationToken: TestContext.Current.CancellationToken).AllSucceeded);

        var second = first with { Methods = ["full", "random"], Training = first.Training with { LearningRate = 0.02f } };
        var e = Assert.Throws<CheckpointException>(() => ComparisonWorkflow.Run(TrainingData.ForTraining(raw, second.Training, "train.tsv"), second, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(CheckpointFile.ForMethod(ck, "random"), e.Path);
        Assert.Contains("learning rate 0.01 there, 0.02 here", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(CheckpointFile.ForMethod(ck, "full"))); // refused before "full" trained

        // The same settings resume: the assignment parts are compared when the method trains.
        Assert.True(ComparisonWorkflow.Run(TrainingData.ForTraining(raw, first.Training, "train.tsv"), first with { Methods = ["full", "random"] }, cancellationToken: TestContext.Current.CancellationToken).AllSucceeded);
    }

    private sealed class Recorder(List<WorkflowProgress> into) : IProgress<WorkflowProgress>
    {
        public void Report(WorkflowProgress value) => into.Add(value);
    }
}
