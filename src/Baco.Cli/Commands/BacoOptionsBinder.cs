using System.CommandLine;
using Baco.Clustering.Balanced;

namespace Baco.Cli.Commands;

/// <summary>BACO's hyperparameters as command-line options.</summary>
internal sealed class BacoOptionsBinder
{
    // The library's defaults are the CLI's: one place decides them.
    private static readonly BacoOptions Defaults = new();

    public Option<string> UserWeights { get; } = CliOptions.Choice("--user-weights", "User weighting: cpm, degree (the paper's), sqrt, log, authors-cpm.", Names.Of(Defaults.UserWeights), Names.All<WeightScheme>());

    public Option<string> ItemWeights { get; } = CliOptions.Choice("--item-weights", "Item weighting: cpm, degree, sqrt, log, authors-cpm (the authors' code).", Names.Of(Defaults.ItemWeights), Names.All<WeightScheme>());

    public Option<int> Passes { get; } = CliOptions.Number("--passes", "Label-propagation passes T.", Defaults.Passes, p => p >= 1, "must be at least 1");

    public Option<string> Move { get; } = CliOptions.Choice("--move", "Move rule: always (the authors' code) or if-better.", Names.Of(Defaults.MoveRule), Names.All<MoveRule>());

    public Option<bool> NoSecondary { get; } = new("--no-secondary") { Description = "Switch off secondary user clusters (no user is then rehomed)." };

    public Option<bool> SecondaryItems { get; } = new("--secondary-items") { Description = "Experimental: give items a second codebook row by the rule of secondary user clusters (one extra index per item that takes one)." };

    public Option<string> Isolated { get; } = CliOptions.Choice("--isolated", "Entities with no training interaction: cold (one shared row per side) or own (a row each).", Names.Of(Defaults.Isolated), Names.All<IsolatedPolicy>());

    public Option<int?> StopRows { get; } = CliOptions.OptionalNumber<int>("--stop-rows", "Stop the passes once user rows + item rows is at most N (the authors' row budget).", r => r >= 1, "must be at least 1");

    public Option<double> RehomeAbove { get; } = CliOptions.Number("--rehome-above", "Users of a co-cluster holding more than this share of the users move to their secondary co-cluster (0: off, the paper's method).", Defaults.RehomeAbove, s => s is >= 0 and < 1, "must be at least 0 and below 1");

    public Option<double> RehomeItemsAbove { get; } = CliOptions.Number("--rehome-items-above", "Items of a co-cluster holding more than this share of the items move to their secondary co-cluster (0: off, the paper's method).", Defaults.RehomeItemsAbove, s => s is >= 0 and < 1, "must be at least 0 and below 1");

    public Option<bool> RehomeUsersAfterItems { get; } = new("--rehome-users-after-items")
    {
        Description = "After --rehome-above and --rehome-items-above, users left in an oversized co-cluster move to the best co-cluster among their items' new ones (acts when both are on; '--rehome-users-after-items false' switches it off).",
        DefaultValueFactory = _ => Defaults.RehomeUsersAfterItems,
    };

    public IEnumerable<Option> All => [UserWeights, ItemWeights, Passes, Move, NoSecondary, SecondaryItems, Isolated, StopRows, RehomeAbove, RehomeItemsAbove, RehomeUsersAfterItems];

    public void AddTo(Command command)
    {
        foreach (var o in All)
        {
            command.Options.Add(o);
        }
    }

    /// <summary>BACO's options only steer BACO: one given with another method would be silently ignored, so it is refused.</summary>
    public void RefuseUnlessBaco(ParseResult parsed, string method)
    {
        if (method != "baco" && All.FirstOrDefault(o => parsed.Given(o)) is { } given)
        {
            throw new CliError($"'{given.Name}' is a setting of BACO, but '--method {method}' does not use it: drop it or use --method baco.");
        }
    }

    public BacoOptions Bind(ParseResult parsed)
    {
        var options = new BacoOptions
        {
            UserWeights = NodeWeights.Parse(parsed.GetValue(UserWeights)!),
            ItemWeights = NodeWeights.Parse(parsed.GetValue(ItemWeights)!),
            Passes = parsed.GetValue(Passes),
            MoveRule = Names.Parse<MoveRule>(parsed.GetValue(Move)!, nameof(BacoOptions.MoveRule), "a move rule"),
            SecondaryUserClusters = !parsed.GetValue(NoSecondary),
            SecondaryItemClusters = parsed.GetValue(SecondaryItems),
            Isolated = Names.Parse<IsolatedPolicy>(parsed.GetValue(Isolated)!, nameof(BacoOptions.Isolated), "an isolated-entity policy"),
            StopRows = parsed.GetValue(StopRows),
            RehomeAbove = parsed.GetValue(RehomeAbove),
            RehomeItemsAbove = parsed.GetValue(RehomeItemsAbove),
            RehomeUsersAfterItems = parsed.GetValue(RehomeUsersAfterItems),
        };

        // A rehoming the user asked for that cannot act is refused; the defaults simply do not act.
        if (parsed.Given(RehomeAbove) && options.RehomeAbove > 0 && !options.RehomesUsers())
        {
            throw new CliError("'--rehome-above' moves users to their secondary co-cluster, which '--no-secondary' switches off: drop one of them.");
        }

        if (parsed.Given(RehomeUsersAfterItems) && options.RehomeUsersAfterItems && !options.FollowUpRoundActs())
        {
            throw new CliError("'--rehome-users-after-items' is a second round of rehoming: it needs '--rehome-above' and '--rehome-items-above' above 0 and secondary user clusters on.");
        }

        options.Validate();
        return options;
    }
}
