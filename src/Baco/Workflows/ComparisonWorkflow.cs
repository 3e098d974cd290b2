using Baco.Clustering;
using Baco.Graph;
using Baco.Training;

namespace Baco.Workflows;

/// <summary>
/// Runs a comparison: each method compresses the training graph of a <see cref="TrainingData"/>
/// (validation part already taken out, so no assignment learns from validation edges) to the
/// shared target, then a model is trained and evaluated with identical settings and seed. A
/// failing method is recorded in its row and the others go on, except a
/// <see cref="CheckpointException"/>, which ends the comparison. A checkpoint path in the training
/// options becomes one file per method (<see cref="CheckpointFile.ForMethod"/>), so an interrupted
/// comparison resumes each method.
/// </summary>
public static class ComparisonWorkflow
{
    /// <summary>
    /// Runs every method in order. The settings, method names, the data's preparation
    /// (<see cref="TrainingData.EnsurePreparedFor"/>) and the checkpoint files are checked before
    /// any method runs; cancellation stops between methods or at a training epoch (see <see cref="Trainer.Train(Data.Dataset, Codebooks.CodebookAssignment, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>)
    /// with a <see cref="ComparisonInterruptedException"/> that carries the methods finished so far.
    /// </summary>
    public static ComparisonResult Run(TrainingData data, ComparisonOptions options, IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Training.Validate();
        if (options.Methods.Count == 0)
        {
            throw new InvalidSettingException(nameof(options.Methods), "the comparison needs at least one method");
        }

        // Resolve every name first, so a typo fails before an hour of training.
        var methods = options.Methods.Select(name => CompressionMethods.Create(name, options.Baco)).ToList();

        // Every method compresses the graph training will see: no assignment learns from validation edges.
        data.EnsurePreparedFor(options.Training);
        var dataset = data.Dataset;
        string? checkpoint = options.Training.CheckpointPath;
        if (checkpoint is not null)
        {
            // Settings and data are compared now, not when the method's turn comes after hours of the others.
            var settings = TrainingFingerprint.OfSettings(options.Training, dataset);
            foreach (var method in methods)
            {
                TrainingCheckpoint.EnsureSettingsMatch(CheckpointFile.ForMethod(checkpoint, method.Name), settings, options.Training.Epochs);
            }
        }

        var graph = BipartiteGraph.FromDataset(dataset);
        var outcomes = new List<MethodOutcome>();
        for (int m = 0; m < methods.Count; m++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw Interrupted(outcomes, methods, m, data, options, cancellationToken);
            }

            var method = methods[m];
            int index = m;
            void Say(ComparisonStage stage, string message, TrainingProgress? t = null) =>
                progress?.Report(new ComparisonProgress(method.Name, index, methods.Count, stage, message, t));

            CompressionResult? compression = null;
            try
            {
                Say(ComparisonStage.Compress, method.Name == "full" ? "full: the full table, every entity its own row"
                    : CompressWorkflow.FullTableNote(options.Target, graph.UserCount, graph.ItemCount, options.Training.Dim) is { } note
                    ? $"{method.Name}: compressing ({options.Target}); note: {note}"
                    : $"{method.Name}: compressing ({options.Target})");
                var context = new CompressionContext(options.Training.Dim, (int)options.Training.Seed);
                compression = method.Compress(graph, options.Target, context);
                var a = compression.Assignment;
                Say(ComparisonStage.Train, $"{method.Name}: {a.Users.RowCount:N0} + {a.Items.RowCount:N0} rows, {a.Parameters(options.Training.Dim):N0} parameters in {compression.Seconds:F2} s; training");
                var trainingProgress = new Relay<TrainingProgress>(t => Say(ComparisonStage.Train, string.Empty, t));
                var training = checkpoint is null ? options.Training : options.Training with { CheckpointPath = CheckpointFile.ForMethod(checkpoint, method.Name) };
                var trained = Trainer.Train(dataset, a, training, trainingProgress, cancellationToken);
                outcomes.Add(new MethodOutcome(method.Name, compression, trained, null));
                Say(ComparisonStage.Done, $"{method.Name}: done in {trained.Seconds:F1} s");
            }
            catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
            {
                outcomes.Add(new MethodOutcome(method.Name, compression, null, InterruptedRow(cancelled as TrainingInterruptedException, checkpoint, method.Name, options.Training.EarlyStopK)) { Interrupted = true });
                throw Interrupted(outcomes, methods, m + 1, data, options, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not CheckpointException { CompletedEpochs: null })
            {
                // A checkpoint of another run is refused before the first method (it propagates);
                // one that can no longer be written (a full disk) fails only its method's row.
                outcomes.Add(new MethodOutcome(method.Name, compression, null, ex.Message) { FailedOnInput = ex is BacoException });
                Say(ComparisonStage.Failed, $"{method.Name}: failed: {ex.Message}");
            }
        }

        return new ComparisonResult(outcomes, data, options);
    }

    // What the interrupted method had reached, so that its row says it; its test figures are not compared.
    private static string InterruptedRow(TrainingInterruptedException? training, string? checkpoint, string method, int k)
    {
        string resume = checkpoint is null ? string.Empty : $"; its checkpoint {CheckpointFile.ForMethod(checkpoint, method)} resumes it";
        if (training is null)
        {
            return $"interrupted before training{resume}";
        }

        string best = training.BestSoFar is { Validation: { } v } b
            ? FormattableString.Invariant($" (best validated epoch {b.BestEpoch}: validation Recall@{k} {v.RecallAt(k) * 100:F3} %)")
            : string.Empty;
        return $"interrupted after {training.CompletedEpochs} epochs{best}, so not compared{resume}";
    }

    private static ComparisonInterruptedException Interrupted(List<MethodOutcome> outcomes, List<ICompressionMethod> methods, int next, TrainingData data, ComparisonOptions options, CancellationToken token)
    {
        for (int m = next; m < methods.Count; m++)
        {
            outcomes.Add(new MethodOutcome(methods[m].Name, null, null, "not run: the comparison was interrupted") { Interrupted = true });
        }

        return new ComparisonInterruptedException(new ComparisonResult(outcomes, data, options), token);
    }
}
