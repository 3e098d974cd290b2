using Baco.Codebooks;
using Baco.Data;

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
    /// Only the assignment's size is checked against <paramref name="data"/>: an assignment made for
    /// another data set with as many users and items (the same ids in another order) trains without
    /// complaint on rows that belong to others. <see cref="Workflows.TrainWorkflow"/> checks the ids too.
    /// Before any work the checkpoint path is checked (<see cref="CheckpointFile.EnsureUsable"/>) and
    /// the data (<see cref="TrainableData.Ensure"/>). A checkpoint that exists is resumed from when it
    /// was written with the same settings and data, else <see cref="CheckpointException"/>.
    /// Cancellation is honoured at epoch boundaries when a checkpoint path is set (the checkpoint is
    /// written first, so the same call resumes), and between steps otherwise; an Interrupted progress
    /// report precedes the <see cref="TrainingInterruptedException"/> (an <see cref="OperationCanceledException"/>),
    /// which carries the best validated model of the completed epochs. A non-finite loss or parameter
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

        if (options.LinkedInit && LinkedInitialisation.Unusable(assignment) is { } why)
        {
            throw new InvalidSettingException(nameof(options.LinkedInit), why);
        }

        options.WarmStart?.EnsureFits(options, assignment);
        string? checkpoint = options.CheckpointPath;
        if (checkpoint is not null)
        {
            CheckpointFile.EnsureUsable(checkpoint);
            CheckpointFraming.RemoveInterruptedWrite(checkpoint);
        }

        return new TrainingRun(data, assignment, options, progress, time, cancellationToken).Run();
    }
}
