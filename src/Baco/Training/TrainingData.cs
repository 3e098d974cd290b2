using Baco.Data;

namespace Baco.Training;

/// <summary>
/// A dataset as training sees it: its validation part taken out of the training interactions
/// first, so that nothing computed from <see cref="Dataset"/>.Train (an assignment, a model) has
/// seen the validation answers. The only ways to get one are <see cref="ForTraining"/> and
/// <see cref="ForCompression"/>, which apply the rule of <see cref="ValidationSplit.Prepare"/>
/// and record where the validation part came from (<see cref="HoldOut"/>); the workflows
/// (<see cref="Workflows.CompressWorkflow"/>, <see cref="Workflows.TrainWorkflow"/>,
/// <see cref="Workflows.ComparisonWorkflow"/>) take nothing else.
/// </summary>
public sealed class TrainingData
{
    private TrainingData(Dataset dataset, Dataset original, ValidationHoldOut holdOut, string? source)
    {
        Dataset = dataset;
        Original = original;
        HoldOut = holdOut;
        Source = source;
    }

    /// <summary>The data with the validation part applied: compress and train on its Train part.</summary>
    public Dataset Dataset { get; }

    /// <summary>Where the validation part came from: given with the data, a seeded hold-out, or none.</summary>
    public ValidationHoldOut HoldOut { get; }

    /// <summary>Where the data came from, as reports name it (e.g. the training file's full path), or null.</summary>
    public string? Source { get; }

    /// <summary>
    /// The interactions a trained model excludes when recommending: the training and the
    /// validation interactions.
    /// </summary>
    public InteractionList Seen => Dataset.Validation is { Count: > 0 } val
        ? InteractionList.FromPairs([.. Dataset.Train.Users, .. val.Users], [.. Dataset.Train.Items, .. val.Items])
        : Dataset.Train;

    /// <summary>The dataset as it was given, before the hold-out.</summary>
    internal Dataset Original { get; }

    /// <summary>
    /// The data training with <paramref name="options"/> sees (<see cref="ValidationSplit.Prepare"/>):
    /// a validation part that came with <paramref name="data"/> is kept; otherwise, when
    /// <paramref name="options"/> validate (<see cref="TrainingOptions.EvalEvery"/> above 0) with a
    /// <see cref="TrainingOptions.ValidationFraction"/> above 0, that seeded share of each user's
    /// training interactions becomes the validation part. The options are validated first
    /// (<see cref="InvalidSettingException"/>), then the result is checked trainable
    /// (<see cref="TrainableData.Ensure"/>, <see cref="UnusableDataException"/>).
    /// </summary>
    public static TrainingData ForTraining(Dataset data, TrainingOptions options, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var prepared = Apply(data, options.HeldOutFraction, options.Seed, source);
        TrainableData.Ensure(prepared.Dataset);
        prepared.EnsureHoldOutNotEmpty(options.ValidationFraction);
        return prepared;
    }

    /// <summary>
    /// The data to compress for a later training with a seeded hold-out of
    /// <paramref name="validationFraction"/> and <paramref name="seed"/>: the same split as
    /// <see cref="ForTraining"/> with those settings (a validation part that came with
    /// <paramref name="data"/> is kept; a fraction of 0 holds nothing out). Not checked trainable;
    /// a fraction above 0 that holds out nothing is refused (<see cref="UnusableDataException"/>), as in training.
    /// </summary>
    public static TrainingData ForCompression(Dataset data, double validationFraction, ulong seed, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (validationFraction is not (>= 0 and < 1))
        {
            throw new InvalidSettingException(nameof(TrainingOptions.ValidationFraction), FormattableString.Invariant($"{validationFraction} must be at least 0 and below 1"));
        }

        var prepared = Apply(data, validationFraction, seed, source);
        prepared.EnsureHoldOutNotEmpty(validationFraction);
        return prepared;
    }

    // A hold-out that takes nothing would leave the run without validation, silently (and a
    // compression for such a run would be refused by the training it was made for).
    private void EnsureHoldOutNotEmpty(double fraction)
    {
        if (HoldOut.Kind == HoldOutKind.Seeded && Dataset.Validation is not { Count: > 0 })
        {
            throw new UnusableDataException(FormattableString.Invariant(
                $"the validation hold-out of {fraction} is empty: it takes round(n x {fraction}) of a user's n training interactions, keeping one, and no user has enough; give a validation file, a larger fraction, or a fraction of 0 (no validation)"));
        }
    }

    /// <summary>
    /// Throws <see cref="InvalidSettingException"/> (setting "ValidationFraction") unless these
    /// data are what <see cref="ForTraining"/> gives with <paramref name="options"/>: a seeded
    /// hold-out of their fraction and seed, none when they hold none out, or a given validation part.
    /// Training on data prepared otherwise would hold out again, from interactions an assignment has seen.
    /// </summary>
    public void EnsurePreparedFor(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (HoldOut.Kind == HoldOutKind.Given)
        {
            return;
        }

        var expected = options.HeldOutFraction > 0 ? ValidationHoldOut.Seeded(options.ValidationFraction, options.Seed) : ValidationHoldOut.None;
        if (HoldOut != expected)
        {
            throw new InvalidSettingException(
                nameof(TrainingOptions.ValidationFraction),
                $"the training data have {HoldOut} and these training options ask for {expected}; prepare the data with TrainingData.ForTraining and the same options");
        }
    }

    /// <summary>The rule: a given validation part is kept, a fraction of 0 holds nothing out, else the seeded hold-out.</summary>
    internal static TrainingData Apply(Dataset data, double fraction, ulong seed, string? source)
    {
        if (data.Validation is { Count: > 0 })
        {
            return new TrainingData(data, data, ValidationHoldOut.Given, source);
        }

        if (fraction <= 0)
        {
            return new TrainingData(data, data, ValidationHoldOut.None, source);
        }

        var (train, validation) = ValidationSplit.HoldOut(data.Train, fraction, seed);
        return new TrainingData(data with { Train = train, Validation = validation }, data, ValidationHoldOut.Seeded(fraction, seed), source);
    }
}
