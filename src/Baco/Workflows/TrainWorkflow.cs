using System.Text.Json;
using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Clustering;
using Baco.Codebooks;
using Baco.Data;
using Baco.IO;
using Baco.Models;
using Baco.Training;

namespace Baco.Workflows;

/// <summary>
/// What <see cref="TrainWorkflow"/> trains: the settings, and where the assignment comes from,
/// either a compression method (<see cref="Method"/>, <see cref="Target"/>) or a stored
/// assignment (<see cref="Assignment"/>), optionally starting from a trained model's rows.
/// </summary>
public sealed record TrainRequest
{
    /// <summary>The training settings; the data must have been prepared with them (<see cref="TrainingData.ForTraining"/>).</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>The compression method, when there is no stored <see cref="Assignment"/>.</summary>
    public ICompressionMethod? Method { get; init; }

    /// <summary>The budget of <see cref="Method"/>, or its knob as given.</summary>
    public CompressionTarget Target { get; init; } = CompressionTarget.Fraction(0.25);

    /// <summary>
    /// A stored assignment to train on as it is (see <see cref="AssignmentStore.Load"/>), instead of
    /// compressing: it must cover the data's id space, and by <see cref="HoldOutPolicy"/> have seen
    /// none of the run's validation interactions.
    /// </summary>
    public StoredAssignment? Assignment { get; init; }

    /// <summary>Where <see cref="Assignment"/> came from (its directory), as messages name it.</summary>
    public string? AssignmentSource { get; init; }

    /// <summary>
    /// A trained model to start from (<see cref="ModelStore.LoadCodebooks"/>): rows the row map
    /// relates to its rows start from its trained rows. A compression is numbered against its
    /// assignment; a stored assignment must be numbered against it or have its rows.
    /// </summary>
    public StoredCodebooks? WarmStartModel { get; init; }

    /// <summary>Where <see cref="WarmStartModel"/> came from (its directory), as messages and metrics.json name it.</summary>
    public string? WarmStartSource { get; init; }

    /// <summary>What to do when a stored assignment's validation hold-out is not the run's (default: refuse one that saw validation interactions).</summary>
    public HoldOutPolicy HoldOutPolicy { get; init; } = HoldOutPolicy.Refuse;
}

/// <summary>
/// Trains and evaluates LightGCN or MF on compressed embedding tables: compresses the training
/// part of a <see cref="TrainingData"/> (or checks a stored assignment against it), applies a warm
/// start, trains (<see cref="Trainer"/>) and returns what a model directory and metrics.json hold.
/// In two steps, <see cref="Prepare"/> then <see cref="PreparedTraining.Train"/>, so that a caller
/// can keep the best model of a diverged or cancelled run (<see cref="PreparedTraining.Keep(TrainingDivergedException)"/>); or in one, <see cref="Run"/>.
/// </summary>
public static class TrainWorkflow
{
    /// <summary><see cref="Prepare"/> and <see cref="PreparedTraining.Train"/>.</summary>
    public static TrainOutcome Run(TrainingData data, TrainRequest request, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellationToken = default)
        => Prepare(data, request, progress).Train(progress, cancellationToken);

    /// <summary>
    /// Everything before training: checks the request against the data, compresses or checks the
    /// stored assignment (<see cref="AssignmentMismatchException"/> for another id space, or by
    /// <see cref="TrainRequest.HoldOutPolicy"/> a hold-out mismatch), and relates the warm-start
    /// model's rows to the assignment's.
    /// </summary>
    public static PreparedTraining Prepare(TrainingData data, TrainRequest request, IProgress<WorkflowProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Training;
        options.Validate();
        data.EnsurePreparedFor(options);
        if ((request.Method is null) == (request.Assignment is null))
        {
            throw new InvalidSettingException(nameof(TrainRequest.Method), "give a compression method or a stored assignment, one of them");
        }

        var warmModel = request.WarmStartModel;
        string warmSource = request.WarmStartSource ?? "the warm-start model";
        if (warmModel is not null)
        {
            WarmStart.EnsureSameModel(warmModel.Config, options, warmSource);
        }

        var dataset = data.Dataset;

        // A checkpoint of other settings or data is refused before compressing, not after it.
        if (options.CheckpointPath is { } checkpoint)
        {
            TrainingCheckpoint.EnsureSettingsMatch(checkpoint, TrainingFingerprint.OfSettings(options, dataset), options.Epochs);
        }

        CodebookAssignment assignment;
        JsonNode compressionSummary;
        CompressionResult? compression = null;
        HoldOutMismatch? mismatch = null;
        if (request.Assignment is { } stored)
        {
            string source = request.AssignmentSource ?? "the assignment";
            StoredAssignmentChecks.EnsureSameIdSpace(stored, dataset, source);
            var storedHoldOut = ValidationHoldOut.FromSummary(stored.Summary);
            var found = HoldOutMismatch.Between(storedHoldOut, data.HoldOut);

            // Same ids, other interactions (another file of the same size, or an edited one): the
            // rows still fit, but they were not clustered from these data. Compared with what the
            // assignment's own hold-out leaves of these data, so another hold-out alone is not
            // taken for other data; when the data differ, how the hold-outs differ means nothing
            // and is not noted. An extension by 'baco assign' changes the interactions by design,
            // and is noted whatever the hold-out.
            bool extended = AssignWorkflow.IsExtension(stored.Summary);
            string? other = OtherInteractions(stored.Summary, extended || found is null ? dataset.Train : TrainedOn(data, storedHoldOut), source);
            found = other is not null && !extended ? null : found;

            // A run that never validates (its interval past its epochs) has no scores for a leak to inflate.
            bool validates = options.EvalEvery > 0 && options.EvalEvery <= options.Epochs;
            mismatch = found is { LeaksValidation: true } && !validates ? null : found;
            if (mismatch is not null)
            {
                if (mismatch.LeaksValidation && request.HoldOutPolicy == HoldOutPolicy.Refuse)
                {
                    throw new AssignmentMismatchException(AssignmentMismatch.HoldOut, source, mismatch.Describe(source), mismatch);
                }

                progress?.Report(WorkflowProgress.Note(mismatch.Describe(source)) with { HoldOut = mismatch });
            }

            if (other is not null)
            {
                progress?.Report(WorkflowProgress.Note(other));
            }

            // A budget is met at the dimension it was searched for; rows cost otherwise at another.
            if (stored.Summary["dim"]?.GetValueKind() == JsonValueKind.Number && stored.Summary["dim"]!.GetValue<int>() is int sized && sized != options.Dim)
            {
                var a = stored.Assignment;
                progress?.Report(WorkflowProgress.Note(FormattableString.Invariant(
                    $"{source} was sized at dimension {sized} ({stored.Summary["target"]?.ToString() ?? "its target"}); at dimension {options.Dim} its table is {a.ParameterRatio(options.Dim):P1} of the full one, not {a.ParameterRatio(sized):P1}")));
            }

            assignment = stored.Assignment;
            compressionSummary = stored.Summary.DeepClone();
        }
        else
        {
            // The compression is numbered against the model it starts from.
            var compressed = CompressWorkflow.Compress(data, request.Method!, request.Target, options.Dim, (int)options.Seed, progress, describeData: false, warmModel?.Assignment, request.WarmStartSource, nameof(TrainRequest.WarmStartModel));
            compression = compressed.Result;
            assignment = compressed.Assignment;
            compressionSummary = compressed.SummaryJson;
        }

        if (warmModel is not null)
        {
            RowMap rows;
            try
            {
                rows = RowRenumbering.MapTo(warmModel.Assignment, assignment, dataset.Users, dataset.Items);
            }
            catch (UnusableDataException e)
            {
                throw new AssignmentMismatchException(AssignmentMismatch.WarmStartRows, warmSource, e.Message);
            }

            var (users, items) = rows.Matched;
            progress?.Report(WorkflowProgress.Status($"warm start from {warmSource}: {users:N0} of {assignment.Users.RowCount:N0} user rows and {items:N0} of {assignment.Items.RowCount:N0} item rows start from its trained rows"));
            options = options with { WarmStart = WarmStart.FromModel(warmModel, rows, request.WarmStartSource is null ? warmSource : Path.GetFullPath(request.WarmStartSource)) };
        }

        return new PreparedTraining(data, assignment, options, compressionSummary, compression, mismatch);
    }

    /// <summary>
    /// The training interactions an assignment computed with <paramref name="holdOut"/> saw, had it
    /// been computed from these data: all of them, or what its seeded hold-out leaves.
    /// </summary>
    private static InteractionList TrainedOn(TrainingData data, ValidationHoldOut holdOut) => holdOut.Kind == HoldOutKind.Seeded
        ? TrainingData.ForCompression(data.Original with { Validation = null }, holdOut.Fraction, holdOut.Seed).Dataset.Train // this run's --val file is not the assignment's
        : data.Original.Train;

    /// <summary>
    /// The note for a stored assignment whose summary records another hash of its interactions than
    /// <paramref name="train"/>'s, or null when they match or it records none (written before the hash was kept).
    /// </summary>
    private static string? OtherInteractions(JsonNode summary, InteractionList train, string source)
    {
        if (summary[CompressWorkflow.InteractionsHashKey]?.GetValueKind() != JsonValueKind.String
            || summary[CompressWorkflow.InteractionsHashKey]!.GetValue<string>() == train.ContentHash())
        {
            return null;
        }

        string count = summary["interactions"]?.GetValueKind() == JsonValueKind.Number ? $"{summary["interactions"]!.GetValue<long>():N0}" : "other";

        // An assignment 'baco assign' extended was meant for new interactions: its rows stand as
        // they were clustered, the new entities placed in them.
        if (AssignWorkflow.IsExtension(summary))
        {
            return $"{source} was clustered from {count} interactions and extended by 'baco assign'; its rows are kept as they are for the {train.Count:N0} here (to re-cluster on these data, compress them with --previous {ConversionCommand.Quote(source)})";
        }

        return $"{source} has these users and items but was computed from other interactions ({count} there, {train.Count:N0} here), so its rows were not clustered from these data; compress these data to get rows that fit them";
    }
}

/// <summary>What <see cref="TrainWorkflow.Prepare"/> returns: the assignment to train on and the settings, ready to train.</summary>
public sealed class PreparedTraining
{
    internal PreparedTraining(TrainingData data, CodebookAssignment assignment, TrainingOptions options, JsonNode compressionSummary, CompressionResult? compression, HoldOutMismatch? holdOutMismatch)
    {
        Data = data;
        Assignment = assignment;
        Options = options;
        CompressionSummary = compressionSummary;
        Compression = compression;
        HoldOutMismatch = holdOutMismatch;
    }

    /// <summary>The data, validation part applied.</summary>
    public TrainingData Data { get; }

    /// <summary>The assignment training uses.</summary>
    public CodebookAssignment Assignment { get; }

    /// <summary>The training settings, with the warm start when there is one.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The assignment's summary.json: the stored one, or the compression's.</summary>
    public JsonNode CompressionSummary { get; }

    /// <summary>The compression, when this run computed the assignment; null for a stored one.</summary>
    public CompressionResult? Compression { get; }

    /// <summary>How a stored assignment's hold-out differs from the run's (reported as a note), or null.</summary>
    public HoldOutMismatch? HoldOutMismatch { get; }

    /// <summary>Seconds the compression took (0 for a stored assignment).</summary>
    public double ClusteringSeconds => Compression?.Seconds ?? 0;

    /// <summary>
    /// Trains and evaluates (<see cref="Trainer.Train(Dataset, CodebookAssignment, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>,
    /// with its checkpoints, cancellation (<see cref="TrainingInterruptedException"/>) and <see cref="TrainingDivergedException"/>).
    /// </summary>
    public TrainOutcome Train(IProgress<WorkflowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var a = Assignment;
        progress?.Report(WorkflowProgress.Status($"training {ModelNames.Display(Options.Model)} (dim {Options.Dim}, {a.Users.RowCount:N0} + {a.Items.RowCount:N0} rows, {a.Parameters(Options.Dim):N0} parameters) on {Data.Dataset.Train.Count:N0} interactions"));
        var relay = progress is null ? null : new Relay<TrainingProgress>(t => progress.Report(new WorkflowProgress(WorkflowProgressKind.Training, string.Empty) { Training = t }));
        var trained = Trainer.Train(Data.Dataset, a, Options, relay, cancellationToken);
        return new TrainOutcome(this, trained, null);
    }

    /// <summary>The outcome of a run that diverged after a validated epoch: its best model so far, to keep (the run still failed).</summary>
    public TrainOutcome Keep(TrainingDivergedException diverged)
    {
        ArgumentNullException.ThrowIfNull(diverged);
        var best = diverged.BestSoFar ?? throw new ArgumentException("The run diverged before any validated epoch: there is no model to keep.", nameof(diverged));
        return new TrainOutcome(this, best, diverged.Epoch);
    }

    /// <summary>The outcome of a run cancelled after a validated epoch: its best model so far, to keep (the run did not finish).</summary>
    public TrainOutcome Keep(TrainingInterruptedException interrupted)
    {
        ArgumentNullException.ThrowIfNull(interrupted);
        var best = interrupted.BestSoFar ?? throw new ArgumentException("The run was cancelled before any validated epoch: there is no model to keep.", nameof(interrupted));
        return new TrainOutcome(this, best, null) { InterruptedAfterEpoch = interrupted.CompletedEpochs };
    }

    /// <summary>
    /// The outcome of a run stopped by a checkpoint it could not write, after a validated epoch:
    /// its best model so far, to keep (the run did not finish; metrics.json records it as
    /// interrupted after the epochs it completed).
    /// </summary>
    public TrainOutcome Keep(CheckpointException failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var best = failed.BestSoFar ?? throw new ArgumentException("The checkpoint failed before any validated epoch: there is no model to keep.", nameof(failed));
        return new TrainOutcome(this, best, null) { InterruptedAfterEpoch = failed.CompletedEpochs };
    }
}

/// <summary>A trained model and what its directory and metrics.json hold.</summary>
/// <param name="Prepared">The data, assignment and settings it was trained with.</param>
/// <param name="Training">The training result: the model (best validated parameters), metrics, history.</param>
/// <param name="DivergedInEpoch">For the best model of a diverged run (<see cref="PreparedTraining.Keep(TrainingDivergedException)"/>): the epoch that diverged.</param>
public sealed record TrainOutcome(PreparedTraining Prepared, TrainingResult Training, int? DivergedInEpoch)
{
    /// <summary>For the best model of a cancelled run (<see cref="PreparedTraining.Keep(TrainingInterruptedException)"/>): the epochs completed before the cancellation.</summary>
    public int? InterruptedAfterEpoch { get; init; }

    /// <summary>
    /// Writes the model directory's files (<see cref="ModelStore.Save"/>: codebooks, assignment,
    /// graph, seen interactions) into <paramref name="directory"/>, which must be new or empty, not atomically: write into an
    /// <see cref="OutputDirectory"/>. metrics.json is the caller's (<c>Baco.Reports.TrainingReport.MetricsJson</c>).
    /// </summary>
    public void WriteModel(string directory)
    {
        var data = Prepared.Data;
        ModelStore.Save(directory, Training.Model, data.Seen, data.Dataset.Users, data.Dataset.Items, Prepared.CompressionSummary, data.Dataset.Train);
    }
}
