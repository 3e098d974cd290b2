using System.Text.Json.Serialization;

namespace Baco.Clustering.Balanced;

/// <summary>When a node moves to the best label among its neighbours' labels.</summary>
public enum MoveRule
{
    /// <summary>Always move to the best neighbouring label, even if staying would score higher (the authors' code).</summary>
    [JsonStringEnumMemberName("always")]
    Always,

    /// <summary>Move only when the best neighbouring label's gain is strictly above the current label's.</summary>
    [JsonStringEnumMemberName("if-better")]
    IfBetter,
}

/// <summary>What happens to entities with no training interaction (they have no neighbours to learn from).</summary>
public enum IsolatedPolicy
{
    /// <summary>All isolated users share one "cold" user row and all isolated items one item row.</summary>
    [JsonStringEnumMemberName("cold")]
    SharedColdRow,

    /// <summary>Each isolated entity keeps its own row, as the solver leaves it.</summary>
    [JsonStringEnumMemberName("own")]
    OwnRow,
}

/// <summary>
/// Hyperparameters of BACO (docs/METHOD.md, "Options"). Immutable; change with <c>with</c>.
/// Defaults: users and items weighted by cpm, T = 5 passes, always move, secondary user
/// clusters on, and the giant co-cluster rehomed on both sides (a share of 0.05, with the
/// users' follow-up round). Measured on Beauty at 9,000 rows (three seeds) and Gowalla at 0.17
/// (docs/BENCHMARKS.md, issue 13). <see cref="Paper"/> is the method as the paper writes it.
/// </summary>
public sealed record BacoOptions
{
    /// <summary>
    /// The method as the paper writes it: users weighted by degree, items by cpm, no rehoming
    /// (the other settings as the defaults). The authors' code differs again in its item weights
    /// (<see cref="WeightScheme.AuthorsCpm"/>; docs/METHOD.md, "Differences from the authors' code").
    /// </summary>
    public static BacoOptions Paper { get; } = new()
    {
        UserWeights = WeightScheme.Degree,
        RehomeAbove = 0,
        RehomeItemsAbove = 0,
        RehomeUsersAfterItems = false,
    };

    /// <summary>Weighting scheme of users.</summary>
    public WeightScheme UserWeights { get; init; } = WeightScheme.Cpm;

    /// <summary>Weighting scheme of items.</summary>
    public WeightScheme ItemWeights { get; init; } = WeightScheme.Cpm;

    /// <summary>Label-propagation passes T.</summary>
    public int Passes { get; init; } = 5;

    /// <summary>Move rule.</summary>
    public MoveRule MoveRule { get; init; } = MoveRule.Always;

    /// <summary>Give users a second codebook row (secondary user clusters).</summary>
    public bool SecondaryUserClusters { get; init; } = true;

    /// <summary>
    /// Experimental (issue 13), off by default: give items a second codebook row by the same rule
    /// as users (docs/METHOD.md, "Secondary item clusters"), one extra index per item that takes one.
    /// </summary>
    public bool SecondaryItemClusters { get; init; }

    /// <summary>Policy for entities with no training interaction.</summary>
    public IsolatedPolicy Isolated { get; init; } = IsolatedPolicy.SharedColdRow;

    /// <summary>
    /// Stop the passes as soon as user rows + item rows is at most this (null: never).
    /// With a parameter budget and no explicit value, it is derived from the budget.
    /// </summary>
    public int? StopRows { get; init; }

    /// <summary>
    /// 0.05 by default, 0 = off: after the passes, a user in a primary co-cluster holding more
    /// than this share of the connected users moves to its secondary co-cluster (which then
    /// becomes its only row). Aimed at the giant co-cluster of low-degree users that BACO forms
    /// at tight budgets (docs/METHOD.md, "Rehoming the giant co-cluster"). Without
    /// <see cref="SecondaryUserClusters"/> no user has a secondary co-cluster, so none moves.
    /// </summary>
    public double RehomeAbove { get; init; } = 0.05;

    /// <summary>
    /// 0.05 by default, 0 = off: the mirror of <see cref="RehomeAbove"/> for items. An
    /// item in a primary co-cluster holding more than this share of the connected items moves to
    /// its secondary co-cluster (the rule of <see cref="SecondaryItemClusters"/>), which becomes
    /// its only row. Without <see cref="SecondaryItemClusters"/> the items that stay get no second
    /// row. Aimed at the giant co-cluster's item row, which at 9,000 rows on Beauty holds half of
    /// the training interactions (docs/METHOD.md, "Rehoming the giant co-cluster").
    /// </summary>
    public double RehomeItemsAbove { get; init; } = 0.05;

    /// <summary>
    /// On by default: a follow-up round once <see cref="RehomeAbove"/> and
    /// <see cref="RehomeItemsAbove"/> have both acted. Users still in an oversized co-cluster had
    /// no secondary co-cluster (all their items were in their own), but after the items moved
    /// many of those items sit elsewhere: such users move to the best co-cluster among their
    /// items' new ones, by the rule of secondary user clusters (docs/METHOD.md, "Rehoming the
    /// giant co-cluster"). It acts only when both rehomings are on and secondary user clusters too.
    /// </summary>
    public bool RehomeUsersAfterItems { get; init; } = true;

    /// <summary>
    /// Whether <see cref="RehomeAbove"/> moves users: it needs secondary user clusters, which give
    /// the users somewhere to go. The one statement of that rule, for the solver and the CLI's checks.
    /// </summary>
    public bool RehomesUsers() => RehomeAbove > 0 && SecondaryUserClusters;

    /// <summary>
    /// Whether the follow-up round (<see cref="RehomeUsersAfterItems"/>) acts: it needs both
    /// rehomings and secondary user clusters.
    /// </summary>
    public bool FollowUpRoundActs() => RehomeUsersAfterItems && RehomesUsers() && RehomeItemsAbove > 0;

    /// <summary>Checks the options and throws <see cref="InvalidSettingException"/> if one is out of range.</summary>
    public void Validate()
    {
        if (Passes < 1)
        {
            throw new InvalidSettingException(nameof(Passes), $"{Passes} must be at least 1");
        }

        if (StopRows is < 1)
        {
            throw new InvalidSettingException(nameof(StopRows), $"{StopRows} must be at least 1");
        }

        if (!(RehomeAbove is >= 0 and < 1))
        {
            throw new InvalidSettingException(nameof(RehomeAbove), $"{RehomeAbove} must be at least 0 and below 1");
        }

        if (!(RehomeItemsAbove is >= 0 and < 1))
        {
            throw new InvalidSettingException(nameof(RehomeItemsAbove), $"{RehomeItemsAbove} must be at least 0 and below 1");
        }
    }
}
