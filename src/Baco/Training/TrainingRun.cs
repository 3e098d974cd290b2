using Baco.Codebooks;
using Baco.Data;
using Baco.Evaluation;
using Baco.Graph;
using Baco.Models;
using Baco.Randomness;

namespace Baco.Training;

/// <summary>
/// One call of <see cref="Trainer"/>: sets up the model, optimiser and sampler (resuming from a
/// checkpoint when there is one), then runs epochs of BPR steps with validation, early stopping,
/// checkpoints, cancellation and divergence checks. The state lives here so each step is a short
/// method.
/// </summary>
internal sealed class TrainingRun
{
    private readonly Dataset _data;
    private readonly TrainingOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellation;
    private readonly long _started;
    private readonly string? _checkpoint;
    private readonly TrainingFingerprint? _fingerprint;
    private readonly InteractionList _train;
    private readonly BipartiteGraph _graph;
    private readonly ITrainableModel _model;
    private readonly AdamOptimizer _adam;
    private readonly Evaluator? _validation;
    private readonly Xoshiro256 _rng;
    private readonly ProgressReporter _reporter;
    private readonly TrainingState _state = new();
    private readonly NegativeSampler _sampler;
    private readonly int[] _activeUsers;
    private readonly int[] _order;
    private readonly int[] _bu, _bi, _bj;
    private readonly RowDeduplicator _userRows, _itemRows;
    private readonly int _batches;
    private int _savedEpoch = -1;

    /// <summary>Prepares the run; the caller has checked the options, the assignment's size and the checkpoint path.</summary>
    public TrainingRun(Dataset data, CodebookAssignment assignment, TrainingOptions options, IProgress<TrainingProgress>? progress, TimeProvider time, CancellationToken cancellation)
    {
        (_options, _time, _cancellation, _checkpoint) = (options, time, cancellation, options.CheckpointPath);
        _started = time.GetTimestamp();
        _data = ValidationSplit.Prepare(data, options);
        TrainableData.Ensure(_data);
        _train = _data.Train;
        InteractionList? validation = options.EvalEvery > 0 ? _data.Validation : null;

        _graph = BipartiteGraph.FromInteractions(_data.UserCount, _data.ItemCount, _train);
        _model = RecommenderModels.CreateTrainable(options.Model, assignment, _graph, options.Dim, options.Layers, options.Seed, options.Init, options.InitStd);
        if (options.LinkedInit)
        {
            LinkedInitialisation.Apply(_model.Parameters[0], _model.Parameters[1], assignment.ItemRowOfUserRow!, options.Dim);
        }

        options.WarmStart?.CopyInto(_model); // every row is drawn first, so unmatched rows start as without a warm start
        _adam = new AdamOptimizer([.. _model.Parameters.Select(p => p.Length)], options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);
        _validation = validation is { Count: > 0 } ? new Evaluator(_data.UserCount, _data.ItemCount, validation, [_train], options.Ks) : null;
        _rng = Xoshiro256.ForStream(options.Seed, StreamTag.TrainingOrder);

        // Hashes the data: only worth it when there is a checkpoint to compare or write.
        _fingerprint = _checkpoint is null ? null : TrainingFingerprint.Of(options, assignment, _train, validation);

        int m = _train.Count;
        _batches = (m + options.BatchSize - 1) / options.BatchSize;
        _reporter = new ProgressReporter(progress, options, m, _batches);
        _sampler = new NegativeSampler(_graph);
        _activeUsers = [.. Enumerable.Range(0, _data.UserCount).Where(u => _graph.UserDegree(u) > 0)];
        _order = new int[m];
        (_bu, _bi, _bj) = (new int[options.BatchSize], new int[options.BatchSize], new int[options.BatchSize]);
        _userRows = new RowDeduplicator(_data.UserCount);
        _itemRows = new RowDeduplicator(_data.ItemCount);
        Resume();
    }

    /// <summary>Runs epochs until the cap or early stopping; the best validated model is returned, evaluated on test.</summary>
    public TrainingResult Run()
    {
        int checkpointEvery = _options.CheckpointEvery > 0 ? _options.CheckpointEvery : (_options.EvalEvery > 0 ? _options.EvalEvery : 10);

        // A run that had already stopped early stays stopped when "resumed".
        int epoch = _state.Epoch;
        bool stoppedEarly = epoch > 0 && PatienceRanOut(epoch);
        while (true)
        {
            if (_cancellation.IsCancellationRequested)
            {
                Interrupt(epoch);
            }

            if (epoch >= _options.Epochs || stoppedEarly)
            {
                break;
            }

            epoch++;
            double epochLoss = RunEpoch(epoch);
            _state.Epoch = epoch;
            _reporter.Report(TrainingPhase.EpochEnd, epoch, _batches, epochLoss, null, _state.BestEpoch, _state.LastImprovement);
            double valScore = Validate(epoch, epochLoss);
            _state.History.Add(new EpochSummary(epoch, epochLoss, valScore));
            stoppedEarly = PatienceRanOut(epoch);
            if (_checkpoint is not null && (epoch % checkpointEvery == 0 || stoppedEarly || epoch == _options.Epochs))
            {
                SaveOrStop(epoch);
            }
        }

        return Finish(epoch, stoppedEarly);
    }

    /// <summary>
    /// Early stopping is decided at validations only: the run stops at a validation that found
    /// nothing better, once <see cref="TrainingOptions.Patience"/> epochs or more have passed since
    /// the best one. So a patience shorter than the validation interval, 0 included, still trains
    /// to the first validation and stops at the first one that does not improve.
    /// </summary>
    private bool PatienceRanOut(int epoch) =>
        _validation is not null && _options.EvalEvery > 0 && epoch < _options.Epochs
        && epoch % _options.EvalEvery == 0 && _state.LastImprovement < epoch
        && epoch - _state.LastImprovement >= _options.Patience;

    private void Resume()
    {
        if (_checkpoint is null || !File.Exists(_checkpoint))
        {
            return;
        }

        var ck = TrainingCheckpoint.Load(_checkpoint);
        ck.EnsureResumableBy(_fingerprint!, _model.Parameters, _checkpoint, _options.Epochs);
        _state.Restore(ck, _rng, _adam, _model);
        _savedEpoch = _state.Epoch;
        _reporter.Report(TrainingPhase.Resumed, _state.Epoch, _checkpoint, _state.BestEpoch);
    }

    /// <summary>One pass over this epoch's positives in batches; returns the mean batch loss.</summary>
    private double RunEpoch(int epoch)
    {
        _reporter.StartEpoch();
        FillOrder(_order, _options.Sampling, _graph, _activeUsers, _rng);
        double lossSum = 0;
        for (int b = 0; b < _batches; b++)
        {
            // Without a checkpoint nothing is kept, so there is no reason to finish the epoch.
            if (_checkpoint is null && _cancellation.IsCancellationRequested)
            {
                Interrupt(epoch - 1);
            }

            double loss = Step(b);
            if (!double.IsFinite(loss))
            {
                Diverge(FormattableString.Invariant($"the loss of step {b + 1} of {_batches} is {loss}"), epoch);
            }

            lossSum += loss;
            if (_options.ProgressEvery > 0 && (b + 1) % _options.ProgressEvery == 0 && b + 1 < _batches)
            {
                _reporter.Report(TrainingPhase.Batch, epoch, b + 1, lossSum / (b + 1), null, _state.BestEpoch, _state.LastImprovement);
            }
        }

        _reporter.EndEpoch();

        // The last step's update is not seen by any loss of this epoch.
        if (FirstNonFinite(_model.Parameters) is { } bad)
        {
            Diverge($"a parameter became {bad} in the last step", epoch);
        }

        return lossSum / _batches;
    }

    /// <summary>Batch <paramref name="b"/>: draws negatives, forward, BPR loss and gradients, backward, one Adam update; returns the loss.</summary>
    private double Step(int b)
    {
        int from = b * _options.BatchSize, n = Math.Min(_options.BatchSize, _train.Count - from);
        _userRows.Reset();
        _itemRows.Reset();
        for (int k = 0; k < n; k++)
        {
            int e = _order[from + k];
            int u = _train.Users[e];
            _bu[k] = u;
            _bi[k] = _train.Items[e];
            _bj[k] = _sampler.Sample(u, _rng);
            _userRows.Add(u);
            _itemRows.Add(_bi[k]);
            _itemRows.Add(_bj[k]);
        }

        _model.Forward(_userRows.Rows, _itemRows.Rows);
        double loss = BprStep.LossAndGradients(_model, _bu.AsSpan(0, n), _bi.AsSpan(0, n), _bj.AsSpan(0, n), _options.L2Regularization);
        if (!double.IsFinite(loss))
        {
            return loss;
        }

        _model.Backward();
        _adam.Update(_model.Parameters, _model.Gradients);
        _reporter.Examples(n);
        return loss;
    }

    /// <summary>Validates when due; returns the early-stopping score, or NaN when not validated.</summary>
    private double Validate(int epoch, double epochLoss)
    {
        if (_validation is null || epoch % _options.EvalEvery != 0)
        {
            return double.NaN;
        }

        var metrics = _validation.Evaluate(_model);
        double score = metrics.RecallAt(_options.EarlyStopK);
        _state.Validated(metrics, score, _model.Parameters);
        _reporter.Report(TrainingPhase.Validation, epoch, _batches, epochLoss, metrics, _state.BestEpoch, _state.LastImprovement);
        return score;
    }

    private double Seconds() => _state.PriorSeconds + _time.GetElapsedTime(_started).TotalSeconds;

    private void Save()
    {
        _state.ToCheckpoint(_fingerprint!, _rng, _adam, _model, Seconds()).Save(_checkpoint!);
        _savedEpoch = _state.Epoch;
    }

    /// <summary>
    /// Saves the checkpoint after <paramref name="completed"/> epochs; a write that fails (a full
    /// disk) stops the run with the best validated model so far, which the caller can keep.
    /// </summary>
    private void SaveOrStop(int completed)
    {
        try
        {
            Save();
        }
        catch (CheckpointException e)
        {
            var bestSoFar = _state.Best is null ? null : Finish(completed, stoppedEarly: false);
            throw new CheckpointException(e.Path, e.Reason, e.InnerException) { BestSoFar = bestSoFar, CompletedEpochs = completed };
        }
    }

    /// <summary>
    /// Reports the stop and throws, handing over the best validated model so far; a checkpointed
    /// run first saves the completed epochs (the checkpoint keeps the current parameters, which
    /// the best model's restoration then overwrites in the model).
    /// </summary>
    private void Interrupt(int completed)
    {
        if (_checkpoint is not null && _savedEpoch != completed)
        {
            SaveOrStop(completed);
        }

        _reporter.Report(TrainingPhase.Interrupted, completed, _checkpoint is not null && _savedEpoch == completed ? _checkpoint : null, _state.BestEpoch);
        var bestSoFar = _state.Best is null ? null : Finish(completed, stoppedEarly: false);
        throw new TrainingInterruptedException(completed, bestSoFar, _cancellation);
    }

    private TrainingResult Finish(int epochsRun, bool stoppedEarly) => Result(_model, _state, _data, _options, epochsRun, stoppedEarly, Seconds());

    /// <summary>Stops at a non-finite loss or parameter, handing over the best validated model so far.</summary>
    private void Diverge(string what, int epoch)
    {
        var bestSoFar = _state.Best is null ? null : Finish(epoch - 1, stoppedEarly: false);
        string kept = bestSoFar is null ? string.Empty : $" The best validated model so far is from epoch {bestSoFar.BestEpoch}.";
        throw new TrainingDivergedException(
            FormattableString.Invariant($"training diverged in epoch {epoch}: {what} (learning rate {_options.LearningRate:G3}, L2 regularisation {_options.L2Regularization:G3}, weight decay {_options.WeightDecay:G3}); lower the learning rate (for example ten times) or the regularisation.{kept}"),
            epoch,
            bestSoFar);
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
            order[k] = graph.UserOffsetArray[u] + rng.NextInt(graph.UserDegree(u));
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
