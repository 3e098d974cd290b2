namespace Baco.Data;

/// <summary>
/// Parameters of <see cref="SyntheticInteractions"/>. Defaults make a small graph for a
/// one-minute demo; <see cref="MovieLens20M"/> matches MovieLens-20M's size.
/// </summary>
public sealed record SyntheticOptions
{
    /// <summary>Number of users.</summary>
    public int Users { get; init; } = 6_000;

    /// <summary>Number of items.</summary>
    public int Items { get; init; } = 4_000;

    /// <summary>Distinct interactions to plant, before the validation/test holdout.</summary>
    public long Interactions { get; init; } = 120_000;

    /// <summary>Number of planted co-clusters (each user and item belongs to one).</summary>
    public int Clusters { get; init; } = 40;

    /// <summary>Probability that an interaction's item is drawn from the user's own cluster.</summary>
    public double InClusterProbability { get; init; } = 0.8;

    /// <summary>
    /// Power-law exponent of degrees: the entity of popularity rank r has weight (r + 1)^-exponent.
    /// 0 gives uniform degrees; around 1 gives very heavy heads.
    /// </summary>
    public double DegreeExponent { get; init; } = 0.6;

    /// <summary>Fraction of each user's interactions held out for validation (stochastically rounded).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Fraction of each user's interactions held out for test.</summary>
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Random seed: the same options give the same output.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>MovieLens-20M's size: 200,808 users, 65,032 items, 20,228,336 interactions.</summary>
    public static SyntheticOptions MovieLens20M { get; } = new()
    {
        Users = 200_808,
        Items = 65_032,
        Interactions = 20_228_336,
        Clusters = 200,
    };
}
