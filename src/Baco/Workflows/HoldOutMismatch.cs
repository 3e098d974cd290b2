using System.Globalization;
using Baco.Training;

namespace Baco.Workflows;

/// <summary>How a stored assignment's view of the training interactions differs from a run's.</summary>
public enum HoldOutMismatchKind
{
    /// <summary>The assignment was computed from every training interaction, including those this run holds out for validation.</summary>
    SawValidation,

    /// <summary>The assignment was computed without another seeded hold-out (fraction or seed) than this run's, so it saw part of this run's validation interactions.</summary>
    OtherHoldOut,

    /// <summary>The assignment was computed without a hold-out of interactions that this run trains on (it saw less, not more).</summary>
    MissedTraining,
}

/// <summary>What <see cref="TrainWorkflow"/> does when a stored assignment's validation hold-out is not the run's.</summary>
public enum HoldOutPolicy
{
    /// <summary>
    /// Refuse an assignment that saw this run's validation interactions
    /// (<see cref="AssignmentMismatchException"/>); report one that missed training interactions as a note.
    /// </summary>
    Refuse,

    /// <summary>Report every mismatch as a note and train (validation scores, so early stopping, may then be optimistic).</summary>
    Note,
}

/// <summary>
/// A stored assignment's validation hold-out (from its summary.json, <see cref="ValidationHoldOut.FromSummary"/>)
/// against a run's (<see cref="TrainingData.HoldOut"/>).
/// </summary>
/// <param name="Kind">How they differ.</param>
/// <param name="Assignment">The hold-out the assignment was computed without (<see cref="ValidationHoldOut.None"/>: none).</param>
/// <param name="Run">The run's validation part.</param>
public sealed record HoldOutMismatch(HoldOutMismatchKind Kind, ValidationHoldOut Assignment, ValidationHoldOut Run)
{
    /// <summary>Whether the assignment saw interactions this run validates on.</summary>
    public bool LeaksValidation => Kind != HoldOutMismatchKind.MissedTraining;

    /// <summary>
    /// How an assignment computed with <paramref name="assignment"/>'s hold-out differs from a run
    /// with <paramref name="run"/>'s validation part, or null when it saw exactly the run's
    /// training interactions, or all of them and the run holds nothing out.
    /// </summary>
    public static HoldOutMismatch? Between(ValidationHoldOut assignment, ValidationHoldOut run)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(run);
        bool heldOut = run.Kind == HoldOutKind.Seeded;
        bool storedHeldOut = assignment.Kind == HoldOutKind.Seeded;
        HoldOutMismatchKind? kind =
            heldOut && !storedHeldOut ? HoldOutMismatchKind.SawValidation
            : heldOut && (assignment.Fraction != run.Fraction || assignment.Seed != run.Seed) ? HoldOutMismatchKind.OtherHoldOut
            : !heldOut && storedHeldOut ? HoldOutMismatchKind.MissedTraining
            : null;
        return kind is { } k ? new HoldOutMismatch(k, assignment, run) : null;
    }

    /// <summary>The mismatch in a sentence, naming the assignment as <paramref name="source"/>, with the library's remedy.</summary>
    public string Describe(string source) => Describe(source, Kind switch
    {
        HoldOutMismatchKind.SawValidation => "compute it from TrainingData.ForTraining's data",
        HoldOutMismatchKind.OtherHoldOut => "use the same fraction and seed",
        _ => null,
    });

    /// <summary>
    /// The mismatch in a sentence, naming the assignment as <paramref name="source"/>, followed by
    /// <paramref name="remedy"/> (a caller's own words for what to do, e.g. the CLI's options), if any.
    /// </summary>
    public string Describe(string source, string? remedy)
    {
        var c = CultureInfo.InvariantCulture;
        string fact = Kind switch
        {
            HoldOutMismatchKind.SawValidation => $"{source} was computed from all training interactions, including the {Run.Fraction.ToString("P0", c)} this run holds out for validation (seed {(long)Run.Seed}), so validation scores (and early stopping) may be optimistic",
            HoldOutMismatchKind.OtherHoldOut => $"{source} was computed with another validation hold-out ({Assignment}) than this run's ({Run}), so it has seen part of this run's validation interactions",
            _ => $"{source} was computed without {Assignment.Fraction.ToString("P0", c)} of the training interactions (a validation hold-out) that this run trains on",
        };
        return remedy is null ? fact : $"{fact}; {remedy}";
    }
}
