using Baco.Codebooks;
using Baco.Data;
using Baco.Evaluation;
using Baco.Graph;
using Baco.Models;

using Baco.Randomness;

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
    /// should compress the dataset of <see cref="TrainingData.ForTraining"/> and pass that dataset
    /// here, as <see cref="Workflows.TrainWorkflow"/> does). Test metrics (training and validation items masked)
    /// are computed for the returned model when data.Test is present.
    /// </summary>
    /// <remarks>
    /// Before any work the checkpoint path is checked (<see cref="CheckpointFile.EnsureUsable"/>) and
    /// the data (<see cref="TrainableData.Ensure"/>). A checkpoint that exists is resumed from when it
    /// was written with the same settings and data, else <see cref="CheckpointException"/>.
    /// Cancellation is honoured at epoch boundaries when a checkpoint path is set (the checkpoint is
    /// written first, so the same call resumes), and between steps otherwise; an Interrupted progress
    /// report precedes the <see cref="OperationCanceledException"/>. A non-finite loss or parameter
    /// stops training with <see cref="TrainingDivergedException"/>, which carries the best validated
    /// model so far; the last checkpoint is left as it was.
    /// </remarks>
    public static TrainingResult Train(Dataset data, CodebookAssignment assignment, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => Train(data, assignment, options, progress, TimeProvider.System, cancellationToken);

    /// <summary><see cref="Train(Dataset, CodebookAssignment, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/> timed by <paramref name="time"/>.</summary>
    internal static TrainingResult Train(Dataset data, CodebookAssignment assignment, TrainingOptions options, IProgress<TrainingProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (assignment.Users.EntityCount != data.UserCount || assignment.Items.EntityCount != data.ItemCount)
        {
            throw new ArgumentException($"Assignment covers {assignment.Users.EntityCount} users x {assignment.Items.EntityCount} items, dataset has {data.UserCount} x {data.ItemCount}.", nameof(assignment));
        }

        // Every table (codebooks, propagated embeddings) is one array of entities or rows x dim.
        long widest = (long)Math.Max(Math.Max(data.UserCount, data.ItemCount), Math.Max(assignment.Users.RowCount, assignment.Items.RowCount)) * options.Dim;
        if (widest > Array.MaxLength)
        {
            throw new InvalidSettingException(nameof(options.Dim), $"{options.Dim} is too large for these data: a table of {widest:N0} values exceeds the largest array .NET can hold ({Array.MaxLength:N0})");
        }

        options.WarmStart?.EnsureFits(options, assignment);
        string? checkpoint = options.CheckpointPath;
        if (checkpoint is not null)
        {
            CheckpointFile.EnsureUsable(checkpoint);
            CheckpointFraming.RemoveInterruptedWrite(checkpoint);
        }

        long started = time.GetTimestamp();
        data = ValidationSplit.Prepare(data, options);
        TrainableData.Ensure(data);
        InteractionList train = data.Train;
        InteractionList? validation = options.EvalEvery > 0 ? data.Validation : null;

        var graph = BipartiteGraph.FromInteractions(data.UserCount, data.ItemCount, train);
        var model = RecommenderModels.Create(options.Model, assignment, graph, options.Dim, options.Layers, options.Seed, options.Init, options.InitStd);
        options.WarmStart?.CopyInto(model); // every row is drawn first, so unmatched rows start as without a warm start
        var adam = new AdamOptimizer([.. model.Parameters.Select(p => p.Length)], options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);
        var valEvaluator = validation is { Count: > 0 } ? new Evaluator(data.UserCount, data.ItemCount, validation, [train], options.Ks) : null;
        var rng = Xoshiro256.ForStream(options.Seed, StreamTag.TrainingOrder);

        // Hashes the data: only worth it when there is a checkpoint to compare or write.
        var fingerprint = checkpoint is null ? null : TrainingFingerprint.Of(options, assignment, train, validation);

        int m = train.Count;
        int batchSize = options.BatchSize;
        int batches = (m + batchSize - 1) / batchSize;
        var reporter = new ProgressReporter(progress, options, m, batches);
        var state = new TrainingState();
        int savedEpoch = -1;
        if (checkpoint is not null && File.Exists(checkpoint))
        {
            var ck = TrainingCheckpoint.Load(checkpoint);
            ck.EnsureResumableBy(fingerprint!, model.Parameters, checkpoint);
            state.Restore(ck, rng, adam, model);
            savedEpoch = state.Epoch;
            reporter.Report(TrainingPhase.Resumed, state.Epoch, checkpoint, state.BestEpoch);
        }

        double Seconds() => state.PriorSeconds + time.GetElapsedTime(started).TotalSeconds;
        void Save()
        {
            state.ToCheckpoint(fingerprint!, rng, adam, model, Seconds()).Save(checkpoint!);
            savedEpoch = state.Epoch;
        }

        // Reports the stop and throws; a checkpointed run first saves the completed epochs.
        void Interrupt(int completed)
        {
            if (checkpoint is not null && savedEpoch != completed)
            {
                Save();
            }

            reporter.Report(TrainingPhase.Interrupted, completed, checkpoint is not null && savedEpoch == completed ? checkpoint : null, state.BestEpoch);
            throw new OperationCanceledException(cancellationToken);
        }

        TrainingResult Finish(int epochsRun, bool stoppedEarly) => Result(model, state, data, options, epochsRun, stoppedEarly, Seconds());

        // Stops at a non-finite loss or parameter, handing over the best validated model so far.
        void Diverge(string what, int epoch)
        {
            var bestSoFar = state.Best is null ? null : Finish(epoch - 1, stoppedEarly: false);
            string kept = bestSoFar is null ? string.Empty : $" The best validated model so far is from epoch {bestSoFar.BestEpoch}.";
            throw new TrainingDivergedException(
                FormattableString.Invariant($"training diverged in epoch {epoch}: {what} (learning rate {options.LearningRate:G3}, L2 regularisation {options.L2Regularization:G3}, weight decay {options.WeightDecay:G3}); lower the learning rate (for example ten times) or the regularisation.{kept}"),
                epoch,
                bestSoFar);
        }

        var sampler = new NegativeSampler(graph);
        int[] activeUsers = [.. Enumerable.Range(0, data.UserCount).Where(u => graph.UserDegree(u) > 0)];
        var order = new int[m];
        var bu = new int[batchSize];
        var bi = new int[batchSize];
        var bj = new int[batchSize];
        var userRows = new RowDeduplicator(data.UserCount);
        var itemRows = new RowDeduplicator(data.ItemCount);
        int checkpointEvery = options.CheckpointEvery > 0 ? options.CheckpointEvery : (options.EvalEvery > 0 ? options.EvalEvery : 10);

        // A run that had already stopped early stays stopped when "resumed".
        int epoch = state.Epoch;
        bool stoppedEarly = valEvaluator is not null && epoch > 0 && epoch < options.Epochs && epoch - state.LastImprovement >= options.Patience;

        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Interrupt(epoch);
            }

            if (epoch >= options.Epochs || stoppedEarly)
            {
                break;
            }

            epoch++;
            reporter.StartEpoch();
            FillOrder(order, options.Sampling, graph, activeUsers, rng);
            double lossSum = 0;
            for (int b = 0; b < batches; b++)
            {
                // Without a checkpoint nothing is kept, so there is no reason to finish the epoch.
                if (checkpoint is null && cancellationToken.IsCancellationRequested)
                {
                    Interrupt(epoch - 1);
                }

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
                double loss = BprStep.LossAndGradients(model, bu.AsSpan(0, n), bi.AsSpan(0, n), bj.AsSpan(0, n), options.L2Regularization);
                if (!double.IsFinite(loss))
                {
                    Diverge(FormattableString.Invariant($"the loss of step {b + 1} of {batches} is {loss}"), epoch);
                }

                lossSum += loss;
                model.Backward();
                adam.Update(model.Parameters, model.Gradients);
                reporter.Examples(n);

                if (options.ProgressEvery > 0 && (b + 1) % options.ProgressEvery == 0 && b + 1 < batches)
                {
                    reporter.Report(TrainingPhase.Batch, epoch, b + 1, lossSum / (b + 1), null, state.BestEpoch, state.LastImprovement);
                }
            }

            reporter.EndEpoch();

            // The last step's update is not seen by any loss of this epoch.
            if (FirstNonFinite(model.Parameters) is { } bad)
            {
                Diverge($"a parameter became {bad} in the last step", epoch);
            }

            state.Epoch = epoch;
            double epochLoss = lossSum / batches;
            reporter.Report(TrainingPhase.EpochEnd, epoch, batches, epochLoss, null, state.BestEpoch, state.LastImprovement);

            double valScore = double.NaN;
            if (valEvaluator is not null && epoch % options.EvalEvery == 0)
            {
                var metrics = valEvaluator.Evaluate(model);
                valScore = metrics.RecallAt(options.EarlyStopK);
                state.Validated(metrics, valScore, model.Parameters);
                reporter.Report(TrainingPhase.Validation, epoch, batches, epochLoss, metrics, state.BestEpoch, state.LastImprovement);
            }

            state.History.Add(new EpochSummary(epoch, epochLoss, valScore));
            stoppedEarly = valEvaluator is not null && epoch - state.LastImprovement >= options.Patience && epoch < options.Epochs;
            if (checkpoint is not null && (epoch % checkpointEvery == 0 || stoppedEarly || epoch == options.Epochs))
            {
                Save();
            }
        }

        return Finish(epoch, stoppedEarly);
    }

    /// <summary>Puts the best parameters (if validated) into the model and evaluates it on the test split.</summary>
    private static TrainingResult Result(IRecommenderModel model, TrainingState state, Dataset data, TrainingOptions options, int epochsRun, bool stoppedEarly, double seconds)
    {
        int bestEpoch = epochsRun;
        if (state.Best is { } best)
        {
            for (int k = 0; k < best.Length; k++)
            {
                best[k].CopyTo(model.Parameters[k], 0);
            }

            bestEpoch = state.BestEpoch;
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

        return new TrainingResult(model, bestEpoch, epochsRun, stoppedEarly, state.BestValidation, test, seconds, state.History);
    }

    /// <summary>This epoch's positives: a seeded shuffle of the interactions, or uniform users then uniform interactions of theirs.</summary>
    private static void FillOrder(int[] order, PositiveSampling sampling, BipartiteGraph graph, int[] activeUsers, Xoshiro256 rng)
    {
        int m = order.Length;
        if (sampling == PositiveSampling.ShuffledInteractions)
        {
            // A fresh permutation, so an epoch's order depends only on the generator state.
            rng.FillPermutation(order);
            return;
        }

        // CSR offsets index the sorted interaction list.
        for (int k = 0; k < m; k++)
        {
            int u = activeUsers[rng.NextInt(activeUsers.Length)];
            order[k] = graph.UserOffsets[u] + rng.NextInt(graph.UserDegree(u));
        }
    }

    private static string? FirstNonFinite(IReadOnlyList<float[]> parameters)
    {
        foreach (var p in parameters)
        {
            foreach (float x in p)
            {
                if (!float.IsFinite(x))
                {
                    return float.IsNaN(x) ? "NaN" : "infinite";
                }
            }
        }

        return null;
    }
}
