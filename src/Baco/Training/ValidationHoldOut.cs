using System.Globalization;
using System.Text.Json.Nodes;

namespace Baco.Training;

/// <summary>Where the validation part of a <see cref="TrainingData"/> comes from.</summary>
public enum HoldOutKind
{
    /// <summary>There is no validation part: every training interaction is trained on (validation off, or a hold-out fraction of 0).</summary>
    None,

    /// <summary>The dataset came with its validation part (a validation file); the training part is as given.</summary>
    Given,

    /// <summary>A seeded share of each user's training interactions was held out (<see cref="ValidationSplit.HoldOut"/>).</summary>
    Seeded,
}

/// <summary>
/// The provenance of a validation part: given with the data, a seeded hold-out (its fraction and
/// seed), or none. An assignment computed from a hold-out records it in its summary.json under
/// <see cref="SummaryKey"/> (<see cref="ToSummaryJson"/>), so that training with a stored
/// assignment can tell whether the assignment saw this run's validation interactions
/// (<see cref="Workflows.HoldOutMismatch"/>).
/// </summary>
public sealed record ValidationHoldOut
{
    /// <summary>summary.json key of the hold-out an assignment was computed without.</summary>
    public const string SummaryKey = "validation_holdout";

    /// <summary>Key of the held-out share inside <see cref="SummaryKey"/>.</summary>
    public const string FractionKey = "fraction";

    /// <summary>Key of the hold-out's seed inside <see cref="SummaryKey"/>.</summary>
    public const string SeedKey = "seed";

    private ValidationHoldOut(HoldOutKind kind, double fraction, ulong seed)
    {
        Kind = kind;
        Fraction = fraction;
        Seed = seed;
    }

    /// <summary>No validation part.</summary>
    public static ValidationHoldOut None { get; } = new(HoldOutKind.None, 0, 0);

    /// <summary>A validation part that came with the data.</summary>
    public static ValidationHoldOut Given { get; } = new(HoldOutKind.Given, 0, 0);

    /// <summary>Where the validation part comes from.</summary>
    public HoldOutKind Kind { get; }

    /// <summary>The share of each user's training interactions held out (<see cref="HoldOutKind.Seeded"/> only, else 0).</summary>
    public double Fraction { get; }

    /// <summary>The seed of the hold-out (<see cref="HoldOutKind.Seeded"/> only, else 0).</summary>
    public ulong Seed { get; }

    /// <summary>A seeded hold-out of <paramref name="fraction"/> (above 0 and below 1) with <paramref name="seed"/>.</summary>
    public static ValidationHoldOut Seeded(double fraction, ulong seed)
    {
        if (fraction is not (> 0 and < 1))
        {
            throw new InvalidSettingException(nameof(TrainingOptions.ValidationFraction), string.Create(CultureInfo.InvariantCulture, $"{fraction} must be above 0 and below 1 for a hold-out"));
        }

        return new ValidationHoldOut(HoldOutKind.Seeded, fraction, seed);
    }

    /// <summary>
    /// The hold-out an assignment's summary.json records (<see cref="SummaryKey"/>): the seeded
    /// hold-out, or <see cref="None"/> when it records none, i.e. the assignment was computed from
    /// every interaction of the training file.
    /// </summary>
    public static ValidationHoldOut FromSummary(JsonNode? summary)
    {
        if (summary?[SummaryKey] is not { } node)
        {
            return None;
        }

        double fraction = node[FractionKey]?.GetValue<double>() ?? 0;
        long seed = node[SeedKey]?.GetValue<long>() ?? 0;
        return new ValidationHoldOut(HoldOutKind.Seeded, fraction, (ulong)seed);
    }

    /// <summary>What an assignment computed from data with this validation part records under <see cref="SummaryKey"/>: the seeded hold-out, or null (it saw every interaction of the training file).</summary>
    public JsonObject? ToSummaryJson() => Kind == HoldOutKind.Seeded ? new JsonObject { [FractionKey] = Fraction, [SeedKey] = (long)Seed } : null;

    /// <summary>In words: "no validation part", "a given validation part", "a hold-out of 0.1 with seed 3".</summary>
    public override string ToString() => Kind switch
    {
        HoldOutKind.Seeded => string.Create(CultureInfo.InvariantCulture, $"a hold-out of {Fraction} with seed {(long)Seed}"),
        HoldOutKind.Given => "a given validation part",
        _ => "no validation part",
    };
}
