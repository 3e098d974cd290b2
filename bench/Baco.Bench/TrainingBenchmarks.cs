using System.Diagnostics;
using Baco.Clustering;
using Baco.Codebooks;
using Baco.Data;
using Baco.Evaluation;
using Baco.Graph;
using Baco.Models;
using Baco.Training;

namespace Baco.Bench;

/// <summary>Training, evaluation and accuracy benchmarks; prints medians of repeated runs.</summary>
internal static class TrainingBenchmarks
{
    /// <summary>
    /// Speed: LightGCN step on Gowalla, Beauty epoch, Gowalla full-ranking evaluation, peak memory;
    /// <paramref name="which"/> is one of them (step, epoch, eval, memory) or all, <paramref name="method"/> the step's table.
    /// </summary>
    public static int Run(DataSets sets, int reps, string which, string method)
    {
        // Every file the chosen parts read, checked before any of them runs.
        string gowallaTrain = which is not "epoch" ? sets.File("gowalla", "train.tsv") : "";
        string gowallaTest = which is "all" or "eval" or "memory" ? sets.File("gowalla", "test.tsv") : "";
        string beautyTrain = which is "all" or "epoch" ? sets.File("beauty", "train.tsv") : "";
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}");
        if (which is "all" or "step")
        {
            GowallaStep(gowallaTrain, reps, method);
        }

        if (which is "all" or "epoch")
        {
            BeautyEpoch(beautyTrain, reps);
        }

        if (which is "all" or "eval")
        {
            GowallaEval(gowallaTrain, gowallaTest, reps);
        }

        if (which is "all" or "memory")
        {
            GowallaRunMemory(gowallaTrain, gowallaTest);
        }

        return 0;
    }

    /// <summary>Beauty, full LightGCN, paper protocol; prints validation progress and test metrics.</summary>
    public static int Accuracy(DataSets sets, int maxEpochs, float reg, string? checkpoint, PositiveSampling sampling)
    {
        var data = InteractionReader.Read(sets.File("beauty", "train.tsv"), sets.File("beauty", "val.tsv"), sets.File("beauty", "test.tsv"));
        var options = new TrainingOptions { Epochs = maxEpochs, L2Regularization = reg, CheckpointPath = checkpoint, Sampling = sampling };
        Console.WriteLine($"beauty: {data.UserCount} users, {data.ItemCount} items, {data.Train.Count} train; options {options}");
        var progress = new ConsoleProgress();
        var result = Trainer.Train(data, CodebookAssignment.Full(data.UserCount, data.ItemCount), options, progress);
        Console.WriteLine($"best epoch {result.BestEpoch}, epochs run {result.EpochsRun}, stopped early {result.StoppedEarly}, {result.Seconds:F1} s");
        Console.WriteLine($"validation: {result.Validation?.Summary()}");
        Console.WriteLine($"test:       {result.Test?.Summary()}");
        if (result.Test is { } t)
        {
            Console.WriteLine(FormattableString.Invariant($"test uncapped recall: R@10 {t.RecallUncapped[0] * 100:F3} R@20 {t.RecallUncapped[1] * 100:F3} R@50 {t.RecallUncapped[2] * 100:F3}"));
        }

        return 0;
    }

    /// <summary>One LightGCN step on Gowalla; <paramref name="method"/> "full" or a compression method at a 0.17 budget.</summary>
    private static void GowallaStep(string train, int reps, string method)
    {
        var data = InteractionReader.Read(train);
        var graph = BipartiteGraph.FromDataset(data);
        var assignment = method == "full"
            ? CodebookAssignment.Full(data.UserCount, data.ItemCount)
            : CompressionMethods.Create(method).Compress(graph, CompressionTarget.Fraction(0.17), new CompressionContext(64, 0, null)).Assignment;
        var model = RecommenderModels.CreateTrainable(ModelKind.LightGcn, assignment, graph, 64, 2, 1);
        var adam = new AdamOptimizer([.. model.Parameters.Select(p => p.Length)], 1e-3f, weightDecay: 1e-8f);
        var rnd = new Random(1);
        var times = new List<double>();
        var cpu = new List<double>();
        var phase = new double[4];
        for (int rep = 0; rep < reps + 30; rep++)
        {
            var users = new HashSet<int>();
            var items = new HashSet<int>();
            var bu = new int[1024];
            var bi = new int[1024];
            var bj = new int[1024];
            for (int k = 0; k < 1024; k++)
            {
                int e = rnd.Next(data.Train.Count);
                bu[k] = data.Train.Users[e];
                bi[k] = data.Train.Items[e];
                bj[k] = rnd.Next(data.ItemCount);
                users.Add(bu[k]);
                items.Add(bi[k]);
                items.Add(bj[k]);
            }

            var c0 = Cpu();
            var sw = Stopwatch.StartNew();
            model.Forward(users.ToArray(), items.ToArray());
            double t0 = sw.Elapsed.TotalMilliseconds;
            BprLoss(model, bu, bi, bj);
            double t1 = sw.Elapsed.TotalMilliseconds;
            model.Backward();
            double t2 = sw.Elapsed.TotalMilliseconds;
            adam.Update(model.Parameters, model.Gradients);
            double t3 = sw.Elapsed.TotalMilliseconds;
            if (rep >= 30)
            {
                times.Add(t3);
                cpu.Add((Cpu() - c0) * 1000);
                phase[0] += t0;
                phase[1] += t1 - t0;
                phase[2] += t2 - t1;
                phase[3] += t3 - t2;
            }
        }

        Console.WriteLine(FormattableString.Invariant($"gowalla lightgcn step ({method}, batch 1024, full graph, 2 layers, d=64): median {Median(times):F1} ms wall, {Median(cpu):F1} ms CPU over {reps}; load {Load()} (forward {phase[0] / reps:F1}, loss {phase[1] / reps:F1}, backward {phase[2] / reps:F1}, adam {phase[3] / reps:F1} ms mean)"));
    }

    private static void BprLoss(ITrainableModel model, int[] bu, int[] bi, int[] bj)
    {
        // The trainer's own step (internal, visible to the bench).
        BprStep.LossAndGradients(model, bu, bi, bj, 1e-4f);
    }

    private static void BeautyEpoch(string train, int reps)
    {
        var data = InteractionReader.Read(train);
        var times = new List<double>();
        var cpu = new List<double>();
        for (int rep = 0; rep < reps + 1; rep++)
        {
            var options = new TrainingOptions { Epochs = 1, EvalEvery = 0, Seed = (ulong)rep };
            var c0 = Cpu();
            var sw = Stopwatch.StartNew();
            Trainer.Train(data, CodebookAssignment.Full(data.UserCount, data.ItemCount), options);
            if (rep > 0)
            {
                times.Add(sw.Elapsed.TotalSeconds);
                cpu.Add(Cpu() - c0);
            }
        }

        Console.WriteLine(FormattableString.Invariant($"beauty lightgcn epoch (incl. setup, {data.Train.Count} interactions, batch 1024): median {Median(times):F2} s wall, {Median(cpu):F2} s CPU over {reps}; load {Load()}"));
    }

    private static void GowallaEval(string train, string test, int reps)
    {
        var data = InteractionReader.Read(train, null, test);
        var graph = BipartiteGraph.FromDataset(data);
        var model = RecommenderModels.CreateTrainable(ModelKind.LightGcn, CodebookAssignment.Full(data.UserCount, data.ItemCount), graph, 64, 2, 1);
        var users = new float[data.UserCount * 64];
        var items = new float[data.ItemCount * 64];
        model.ComputeEmbeddings(users, items);
        var evaluator = new Evaluator(data.UserCount, data.ItemCount, data.Test!, [data.Train]);
        var times = new List<double>();
        var cpu = new List<double>();
        for (int rep = 0; rep < reps + 1; rep++)
        {
            var c0 = Cpu();
            var sw = Stopwatch.StartNew();
            evaluator.Evaluate(users, items, 64);
            if (rep > 0)
            {
                times.Add(sw.Elapsed.TotalSeconds);
                cpu.Add(Cpu() - c0);
            }
        }

        Console.WriteLine(FormattableString.Invariant($"gowalla full-ranking eval ({evaluator.EvaluatedUserCount} test users x {data.ItemCount} items, K=10/20/50): median {Median(times):F3} s wall, {Median(cpu):F3} s CPU over {reps}; load {Load()}"));
    }

    private static void GowallaRunMemory(string train, string test)
    {
        var data = InteractionReader.Read(train, null, test);
        var options = new TrainingOptions { Epochs = 1, EvalEvery = 1 };
        var sw = Stopwatch.StartNew();
        var result = Trainer.Train(data, CodebookAssignment.Full(data.UserCount, data.ItemCount), options);
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        Console.WriteLine(FormattableString.Invariant($"gowalla 1-epoch run (+validation on 10% hold-out, +test): {sw.Elapsed.TotalSeconds:F1} s, peak working set {p.PeakWorkingSet64 / 1048576.0:F0} MiB; test {result.Test?.Summary()}"));
    }

    private static double Cpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    private sealed class ConsoleProgress : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Validation)
            {
                Console.WriteLine(FormattableString.Invariant($"epoch {value.Epoch} loss {value.Loss:F5} {value.ExamplesPerSecond:F0} ex/s  val {value.Validation!.Summary()}  best {value.BestEpoch}"));
            }
            else if (value.Phase == TrainingPhase.EpochEnd && value.Epoch <= 3)
            {
                Console.WriteLine(FormattableString.Invariant($"epoch {value.Epoch} loss {value.Loss:F5} {value.ExamplesPerSecond:F0} ex/s eta {value.Eta}"));
            }
        }
    }
}
