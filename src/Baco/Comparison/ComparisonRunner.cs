using Baco.Clustering;
using Baco.Data;
using Baco.Graph;
using Baco.Training;

namespace Baco.Comparison;

/// <summary>
/// Runs a comparison: each method compresses the training graph to the shared target, then a
/// model is trained and evaluated with identical settings and seed. A failing method is recorded
/// in its row and the others go on, except a <see cref="CheckpointException"/>, which ends the comparison. A checkpoint path in the training options becomes one file per
/// method (<see cref="CheckpointFile.ForMethod"/>), so an interrupted comparison resumes each method.
/// </summary>
public static class ComparisonRunner
{
    /// <summary>
    /// Runs every method in order. Method names, checkpoint files and the data are checked before
    /// any method runs; cancellation stops between methods or at a training epoch (see <see cref="Trainer.Train(Data.Dataset, Codebooks.CodebookAssignment, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>).
    /// </summary>
    public static IReadOnlyList<MethodOutcome> Run(Dataset data, ComparisonOptions options, IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
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
        data = ValidationSplit.Prepare(data, options.Training);
        TrainableData.Ensure(data);
        string? checkpoint = options.Training.CheckpointPath;
        if (checkpoint is not null)
        {
            foreach (var method in methods)
            {
                CheckpointFile.EnsureUsable(CheckpointFile.ForMethod(checkpoint, method.Name));
            }
        }

        var graph = BipartiteGraph.FromDataset(data);
        var outcomes = new List<MethodOutcome>();
        for (int m = 0; m < methods.Count; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var method = methods[m];
            int index = m;
            void Say(string stage, string message, TrainingProgress? t = null) =>
                progress?.Report(new ComparisonProgress(method.Name, index, methods.Count, stage, message, t));

            CompressionResult? compression = null;
            try
            {
                Say("compress", $"{method.Name}: compressing ({options.Target})");
                var context = new CompressionContext(options.Training.Dim, (int)options.Training.Seed);
                compression = method.Compress(graph, options.Target, context);
                var a = compression.Assignment;
                Say("train", $"{method.Name}: {a.Users.RowCount:N0} + {a.Items.RowCount:N0} rows, {a.Parameters(options.Training.Dim):N0} parameters in {compression.Seconds:F2} s; training");
                var trainingProgress = new Progress(t => Say("train", string.Empty, t));
                var training = checkpoint is null ? options.Training : options.Training with { CheckpointPath = CheckpointFile.ForMethod(checkpoint, method.Name) };
                var trained = Trainer.Train(data, a, training, trainingProgress, cancellationToken);
                outcomes.Add(new MethodOutcome(method.Name, compression, trained, null));
                Say("done", $"{method.Name}: done in {trained.Seconds:F1} s");
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not CheckpointException)
            {
                outcomes.Add(new MethodOutcome(method.Name, compression, null, ex.Message) { FailedOnInput = ex is BacoException });
                Say("failed", $"{method.Name}: failed: {ex.Message}");
            }
        }

        return outcomes;
    }

    /// <summary>Synchronous progress relay (System.Progress would post to the thread pool and reorder lines).</summary>
    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
