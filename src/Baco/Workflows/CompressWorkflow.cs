using System.Diagnostics;
using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Clustering;
using Baco.Codebooks;
using Baco.Data;
using Baco.Graph;
using Baco.IO;
using Baco.Training;

namespace Baco.Workflows;

/// <summary>What <see cref="CompressWorkflow.Run"/> computes.</summary>
public sealed record CompressRequest
{
    /// <summary>The compression method (see <see cref="CompressionMethods.Create"/>).</summary>
    public required ICompressionMethod Method { get; init; }

    /// <summary>The budget, or the method's knob as given.</summary>
    public CompressionTarget Target { get; init; } = CompressionTarget.Fraction(0.25);

    /// <summary>Embedding dimension used to count parameters.</summary>
    public int Dim { get; init; } = 64;

    /// <summary>Seed of every random choice of the method.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// An earlier assignment to number the rows against (<see cref="RowRenumbering.Renumber"/>), so
    /// that they overlap its rows as much as possible; null: the method's own numbering.
    /// </summary>
    public StoredAssignment? Previous { get; init; }

    /// <summary>Where <see cref="Previous"/> came from (its directory), as progress and summary.json name it.</summary>
    public string? PreviousSource { get; init; }
}

/// <summary>What <see cref="CompressWorkflow.Run"/> returns.</summary>
/// <param name="Data">The data that were compressed (their training part).</param>
/// <param name="Result">The method's result (its own row numbering).</param>
/// <param name="Summary">The figures of summary.json.</param>
/// <param name="Assignment">The assignment: the method's, numbered against the earlier one when there was one.</param>
/// <param name="SummaryJson">summary.json as written: the figures, the source, the validation hold-out (<see cref="ValidationHoldOut.SummaryKey"/>), the interactions' hash (<see cref="CompressWorkflow.InteractionsHashKey"/>) and the numbering (<see cref="CompressWorkflow.PreviousKey"/>).</param>
/// <param name="Renumbered">The numbering against the earlier assignment, or null.</param>
public sealed record CompressOutcome(TrainingData Data, CompressionResult Result, CompressionSummary Summary, CodebookAssignment Assignment, JsonObject SummaryJson, RenumberedAssignment? Renumbered)
{
    /// <summary>Writes the assignment directory's files into <paramref name="directory"/>, which must be new or empty (not atomically: write into an <see cref="OutputDirectory"/>'s work directory to replace an output).</summary>
    public void WriteInto(string directory) => AssignmentStore.WriteInto(directory, Assignment, Data.Dataset.Users, Data.Dataset.Items, SummaryJson);

    /// <summary>
    /// The assignment as <see cref="AssignmentStore.Load"/> would give it back from
    /// <see cref="WriteInto"/>'s directory, without the round trip: what
    /// <see cref="TrainRequest.Assignment"/> takes to train on it in memory. Its summary carries the
    /// validation hold-out, so a training with the same hold-out accepts it.
    /// </summary>
    public StoredAssignment ToStoredAssignment() => new(Assignment, Data.Dataset.Users, Data.Dataset.Items, SummaryJson.DeepClone());
}

/// <summary>
/// Compresses the training part of a <see cref="TrainingData"/>, so that an assignment made for a
/// run with a validation hold-out never sees the held-out interactions, and records the hold-out
/// in summary.json for the run that reuses it (<see cref="TrainWorkflow"/>).
/// </summary>
public static class CompressWorkflow
{
    /// <summary>summary.json key recording the earlier assignment the rows were numbered against.</summary>
    public const string PreviousKey = "previous";

    /// <summary>
    /// summary.json key recording <see cref="InteractionList.ContentHash"/> of the interactions
    /// compressed, so training with a stored assignment can tell whether it was made from the run's data.
    /// </summary>
    public const string InteractionsHashKey = "interactions_hash";

    /// <summary>Compresses <paramref name="data"/>'s training interactions as <paramref name="request"/> says, reporting progress.</summary>
    public static CompressOutcome Run(TrainingData data, CompressRequest request, IProgress<WorkflowProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Method);
        return Compress(data, request.Method, request.Target, request.Dim, request.Seed, progress, describeData: true, request.Previous, request.PreviousSource, nameof(CompressRequest.Previous));
    }

    /// <summary>
    /// Compresses, summarises and, with <paramref name="previous"/>, renumbers. <paramref name="describeData"/>
    /// (a stand-alone compression) adds the progress line about the data and the source to the summary; the hold-out is always recorded.
    /// A method whose rows are not clusters cannot be numbered against <paramref name="previous"/>: refused before any work.
    /// <paramref name="previousSetting"/> is the request's property that gave <paramref name="previous"/>, named when it is refused.
    /// </summary>
    internal static CompressOutcome Compress(TrainingData data, ICompressionMethod method, CompressionTarget target, int dim, int seed, IProgress<WorkflowProgress>? progress, bool describeData, StoredAssignment? previous, string? previousSource, string previousSetting)
    {
        var dataset = data.Dataset;
        if (previous is not null)
        {
            RowRenumbering.EnsureRenumberable(method.Name);

            // An earlier assignment that shares no id with the data numbers nothing: most likely the wrong directory.
            if (!SharesAnId(previous.Users, dataset.Users) && !SharesAnId(previous.Items, dataset.Items))
            {
                bool model = previousSetting != nameof(CompressRequest.Previous);
                throw new InvalidSettingException(previousSetting,
                    $"{previousSource ?? (model ? "the earlier model" : "the earlier assignment")} shares no user and no item id with these data, so no row could keep its number; give the {(model ? "model trained on" : "assignment made from")} an earlier version of these data");
            }
        }

        var graph = BipartiteGraph.FromDataset(dataset);
        if (describeData)
        {
            progress?.Report(WorkflowProgress.Status($"{graph.UserCount:N0} users, {graph.ItemCount:N0} items, {graph.EdgeCount:N0} interactions; {method.Name}, {CompressionSummary.Describe(target, method.Name)}"));
        }

        var relay = progress is null ? null : new Relay<string>(s => progress.Report(WorkflowProgress.Status(s)));
        var context = new CompressionContext(dim, seed, relay);
        var result = method.Compress(graph, target, context);

        // Said after the method ran: BACO's search still shares rows at such a budget, since its
        // secondary indices cost parameters a table of singletons would exceed it by.
        if (FullTableNote(target, graph.UserCount, graph.ItemCount, dim) is { } note)
        {
            double ratio = result.Assignment.ParameterRatio(dim);
            progress?.Report(WorkflowProgress.Note(ratio >= 1
                ? $"{note}; the result is not compressed."
                : FormattableString.Invariant($"{note}; {method.Name} still shares rows: its table is {ratio:P1} of the full one.")));
        }
        var summary = CompressionSummary.From(result, graph, target, context);
        var json = summary.ToJson();
        if (describeData)
        {
            json["source"] = data.Source;
        }

        // Recorded wherever the assignment is kept (a compress output or a model directory), so
        // reusing either with --assignment is checked against the run's hold-out.
        if (data.HoldOut.ToSummaryJson() is { } holdOut)
        {
            json[ValidationHoldOut.SummaryKey] = holdOut;
        }

        json[InteractionsHashKey] = dataset.Train.ContentHash();

        var assignment = result.Assignment;
        RenumberedAssignment? renumbered = null;
        if (previous is not null)
        {
            string source = previousSource ?? "the earlier assignment";
            var clock = Stopwatch.StartNew();
            renumbered = RowRenumbering.Renumber(assignment, dataset.Users, dataset.Items, previous);
            double seconds = clock.Elapsed.TotalSeconds;
            var (u, i) = (renumbered.Users, renumbered.Items);
            progress?.Report(WorkflowProgress.Status($"rows numbered against {source}: {u.Matched:N0} of {u.Rows:N0} user rows matched ({u.SharedMembers:N0} of {u.CommonEntities:N0} users in both keep their row), {i.Matched:N0} of {i.Rows:N0} item rows ({i.SharedMembers:N0} of {i.CommonEntities:N0} items)"));
            assignment = renumbered.Assignment;
            json[PreviousKey] = PreviousJson(renumbered, previousSource is null ? null : Path.GetFullPath(previousSource), seconds);
        }

        return new CompressOutcome(data, result, summary, assignment, json, renumbered);
    }

    /// <summary>The note for a budget that is at least the full table (nothing to compress), or null.</summary>
    internal static string? FullTableNote(CompressionTarget target, int users, int items, int dim)
        => target.BudgetParameters(users, items, dim) is long budget && budget >= ParameterCount.Full(users, items, dim)
            ? $"the budget ({target}) is at least the full table ({users + items:N0} rows of {dim})"
            : null;

    private static bool SharesAnId(IdMap earlier, IdMap now) => earlier.Names().Any(name => now.TryGetId(name, out _));

    /// <summary>summary.json's record of the numbering: the earlier assignment and, per side, what was matched.</summary>
    private static JsonObject PreviousJson(RenumberedAssignment r, string? earlierDir, double seconds)
    {
        static JsonObject Side(SideMatch m) => new()
        {
            ["rows"] = m.Rows,
            ["previous_rows"] = m.PreviousRows,
            ["rows_matched"] = m.Matched,
            ["rows_keeping_number"] = m.KeptNumber,
            ["members_shared"] = m.SharedMembers,
            ["entities_in_both"] = m.CommonEntities,
            ["entities_new"] = m.NewEntities,
            ["entities_removed"] = m.RemovedEntities,
            ["cold_row_matched"] = m.ColdMatched,
        };

        return new JsonObject
        {
            ["assignment"] = earlierDir,
            ["fingerprint"] = r.Previous,
            ["matching"] = "greedy by shared members (entities by their own ids, primary rows), ties to the lower row; cold row to cold row",
            ["users"] = Side(r.Users),
            ["items"] = Side(r.Items),
            ["seconds"] = Math.Round(seconds, 6),
        };
    }
}
