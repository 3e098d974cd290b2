using System.Diagnostics;
using System.Globalization;
using Baco.Codebooks;
using Baco.Data;
using Baco.Evaluation;
using Baco.Graph;
using Baco.Internals;
using Baco.Models;

namespace Baco.Training;

/// <summary>
/// BPR training of LightGCN / MF over a codebook assignment, with periodic validation, early
/// stopping on validation Recall@K, best-model keeping and resumable checkpoints. Same seed and
/// options give the same bits, whether or not the run was interrupted and resumed.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains on <paramref name="data"/>.Train. Validation uses data.Validation, or a seeded
    /// hold-out of <see cref="TrainingOptions.ValidationFraction"/> of each user's training
    /// interactions when there is none (<see cref="ValidationSplit.Prepare"/>; callers that compress
    /// should compress the prepared dataset's graph, and pass that dataset here). Test metrics (training and validation items masked)
    /// are computed for the returned model when data.Test is present.
    /// Cancellation is honoured between epochs, after writing a checkpoint if a path is set.
    /// </summary>
    public static TrainingResult Train(Dataset data, CodebookAssignment assignment, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (assignment.Users.EntityCount != data.UserCount || assignment.Items.EntityCount != data.ItemCount)
        {
            throw new ArgumentException($"Assignment covers {assignment.Users.EntityCount} users x {assignment.Items.EntityCount} items, dataset has {data.UserCount} x {data.ItemCount}.", nameof(assignment));
        }

        var clock = Stopwatch.StartNew();
        data = ValidationSplit.Prepare(data, options);
        InteractionList train = data.Train;
        InteractionList? validation = options.EvalEvery > 0 ? data.Validation : null;

        if (train.Count == 0)
        {
            throw new ArgumentException("No training interactions.", nameof(data));
        }

        var graph = BipartiteGraph.FromInteractions(data.UserCount, data.ItemCount, train);
        var model = RecommenderModels.Create(options.Model, assignment, graph, options.Dim, options.Layers, options.Seed, options.Init);
        var adam = new AdamOptimizer([.. model.Parameters.Select(p => p.Length)], options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);
        var valEvaluator = validation is { Count: > 0 } ? new Evaluator(data.UserCount, data.ItemCount, validation, [train], options.Ks) : null;
        var rng = Xoshiro256.ForPurpose(options.Seed, 2);
        string fingerprint = Fingerprint(options, assignment, train);

        int startEpoch = 0, bestEpoch = 0, lastImprovement = 0;
        double bestScore = double.NegativeInfinity;
        float[][]? best = null;
        RankingMetrics? bestValidation = null;
        var history = new List<EpochSummary>();
        if (options.CheckpointPath is { } cp && File.Exists(cp))
        {
            var ck = TrainingCheckpoint.Load(cp);
            if (ck.Fingerprint != fingerprint)
            {
                throw new InvalidOperationException($"Checkpoint {cp} was written with different options or data; delete it or use another path.");
            }

            for (int k = 0; k < model.Parameters.Count; k++)
            {
                ck.Parameters[k].CopyTo(model.Parameters[k], 0);
                ck.FirstMoments[k].CopyTo(adam.FirstMoments[k], 0);
                ck.SecondMoments[k].CopyTo(adam.SecondMoments[k], 0);
            }

            adam.Step = ck.AdamStep;
            rng.SetState(ck.RngState);
            startEpoch = ck.Epoch;
            bestEpoch = ck.BestEpoch;
            bestScore = ck.BestScore;
            lastImprovement = ck.LastImprovementEpoch;
            best = ck.BestParameters;
            bestValidation = ck.BestValidation;
            history = ck.History;
        }

        var sampler = new NegativeSampler(graph);
        int[] activeUsers = [.. Enumerable.Range(0, data.UserCount).Where(u => graph.UserDegree(u) > 0)];
        int m = train.Count;
        int batchSize = options.BatchSize;
        int batches = (m + batchSize - 1) / batchSize;
        var order = new int[m];
        var bu = new int[batchSize];
        var bi = new int[batchSize];
        var bj = new int[batchSize];
        var userRows = new RowDeduplicator(data.UserCount);
        var itemRows = new RowDeduplicator(data.ItemCount);
        int checkpointEvery = options.CheckpointEvery > 0 ? options.CheckpointEvery : (options.EvalEvery > 0 ? options.EvalEvery : 10);
        long examplesThisRun = 0;
        var trainClock = new Stopwatch();
        int epoch = startEpoch;

        // A run that had already stopped early stays stopped when "resumed".
        bool stoppedEarly = valEvaluator is not null && epoch > 0 && epoch < options.Epochs && epoch - lastImprovement >= options.Patience;

        while (epoch < options.Epochs && !stoppedEarly)
        {
            epoch++;
            trainClock.Start();

            if (options.Sampling == PositiveSampling.ShuffledInteractions)
            {
                // Identity then Fisher-Yates, so an epoch's order depends only on the generator state.
                for (int k = 0; k < m; k++)
                {
                    order[k] = k;
                }

                for (int k = m - 1; k > 0; k--)
                {
                    int r = rng.NextInt(k + 1);
                    (order[k], order[r]) = (order[r], order[k]);
                }
            }
            else
            {
                // Uniform user, then uniform interaction of that user (CSR offsets index the sorted list).
                for (int k = 0; k < m; k++)
                {
                    int u = activeUsers[rng.NextInt(activeUsers.Length)];
                    order[k] = graph.UserOffsets[u] + rng.NextInt(graph.UserDegree(u));
                }
            }

            double lossSum = 0;
            for (int b = 0; b < batches; b++)
            {
                int from = b * batchSize, n = Math.Min(batchSize, m - from);
                userRows.Reset();
                itemRows.Reset();
                for (int k = 0; k < n; k++)
                {
                    int e = order[from + k];
                    int u = train.Users[e];
                    bu[k] = u;
                    bi[k] = train.Items[e];
                    bj[k] = sampler.Sample(u, rng);
                    userRows.Add(u);
                    itemRows.Add(bi[k]);
                    itemRows.Add(bj[k]);
                }

                model.Forward(userRows.Rows, itemRows.Rows);
                lossSum += BprStep.LossAndGradients(model, bu.AsSpan(0, n), bi.AsSpan(0, n), bj.AsSpan(0, n), options.L2Regularization);
                model.Backward();
                adam.Update(model.Parameters, model.Gradients);
                examplesThisRun += n;

                if (progress is not null && options.ProgressEvery > 0 && (b + 1) % options.ProgressEvery == 0 && b + 1 < batches)
                {
                    progress.Report(Report(TrainingPhase.Batch, epoch, b + 1, batches, lossSum / (b + 1), examplesThisRun, trainClock, m, options.Epochs, null, bestEpoch));
                }
            }

            trainClock.Stop();
            double epochLoss = lossSum / batches;
            progress?.Report(Report(TrainingPhase.EpochEnd, epoch, batches, batches, epochLoss, examplesThisRun, trainClock, m, options.Epochs, null, bestEpoch));

            double valScore = double.NaN;
            if (valEvaluator is not null && epoch % options.EvalEvery == 0)
            {
                var metrics = valEvaluator.Evaluate(model);
                valScore = metrics.RecallAt(options.EarlyStopK);
                if (valScore > bestScore)
                {
                    bestScore = valScore;
                    bestEpoch = epoch;
                    lastImprovement = epoch;
                    bestValidation = metrics;
                    best = [.. model.Parameters.Select(p => (float[])p.Clone())];
                }

                progress?.Report(Report(TrainingPhase.Validation, epoch, batches, batches, epochLoss, examplesThisRun, trainClock, m, options.Epochs, metrics, bestEpoch));
            }

            history.Add(new EpochSummary(epoch, epochLoss, valScore));
            if (valEvaluator is not null && epoch - lastImprovement >= options.Patience && epoch < options.Epochs)
            {
                stoppedEarly = true;
            }

            bool cancel = cancellationToken.IsCancellationRequested;
            if (options.CheckpointPath is { } path && (epoch % checkpointEvery == 0 || cancel || stoppedEarly || epoch == options.Epochs))
            {
                new TrainingCheckpoint
                {
                    Fingerprint = fingerprint,
                    Epoch = epoch,
                    RngState = rng.GetState(),
                    AdamStep = adam.Step,
                    Parameters = [.. model.Parameters],
                    FirstMoments = [.. adam.FirstMoments],
                    SecondMoments = [.. adam.SecondMoments],
                    BestEpoch = bestEpoch,
                    BestScore = bestScore,
                    LastImprovementEpoch = lastImprovement,
                    BestParameters = best,
                    BestValidation = bestValidation,
                    History = history,
                }.Save(path);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (stoppedEarly)
            {
                break;
            }
        }

        if (best is not null)
        {
            for (int k = 0; k < best.Length; k++)
            {
                best[k].CopyTo(model.Parameters[k], 0);
            }
        }
        else
        {
            bestEpoch = epoch;
        }

        RankingMetrics? test = null;
        if (data.Test is { Count: > 0 })
        {
            var masked = new List<InteractionList> { data.Train };
            if (data.Validation is { } v)
            {
                masked.Add(v);
            }

            test = new Evaluator(data.UserCount, data.ItemCount, data.Test, masked, options.Ks).Evaluate(model);
        }

        return new TrainingResult(model, bestEpoch, epoch, stoppedEarly, bestValidation, test, clock.Elapsed.TotalSeconds, history);
    }

    private static TrainingProgress Report(TrainingPhase phase, int epoch, int batch, int batches, double loss, long examples, Stopwatch clock, int perEpoch, int maxEpochs, RankingMetrics? val, int bestEpoch)
    {
        double secs = Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        double rate = examples / secs;
        double remaining = (((double)maxEpochs - epoch) * perEpoch) + (perEpoch * (1.0 - ((double)batch / batches)));
        var eta = rate > 0 ? TimeSpan.FromSeconds(Math.Min(remaining / rate, TimeSpan.MaxValue.TotalSeconds / 2)) : TimeSpan.Zero;
        return new TrainingProgress(phase, epoch, batch, batches, loss, rate, eta, val, bestEpoch);
    }

    // Options and data that determine the trajectory; the epoch limit and checkpoint settings may change on resume.
    private static string Fingerprint(TrainingOptions o, CodebookAssignment a, InteractionList train)
        => string.Join('|', o.Model, o.Layers, o.Dim, o.BatchSize, o.LearningRate.ToString("R", CultureInfo.InvariantCulture), o.WeightDecay.ToString("R", CultureInfo.InvariantCulture),
            o.L2Regularization.ToString("R", CultureInfo.InvariantCulture), o.Beta1.ToString("R", CultureInfo.InvariantCulture), o.Beta2.ToString("R", CultureInfo.InvariantCulture),
            o.Epsilon.ToString("R", CultureInfo.InvariantCulture), o.Init, o.Sampling, o.EvalEvery, o.Patience, o.EarlyStopK, o.Seed, o.ValidationFraction.ToString("R", CultureInfo.InvariantCulture),
            a.Users.RowCount, a.Items.RowCount, a.Users.Codes.Length, a.Items.Codes.Length, a.Combiner, train.Count);
}
