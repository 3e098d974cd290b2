using System.CommandLine;
using Baco.Clustering.Baco;

namespace Baco.Cli.Commands;

/// <summary>BACO's hyperparameters as command-line options.</summary>
internal sealed class BacoOptionsBinder
{
    public Option<string> UserWeights { get; } = new("--user-weights") { Description = "User weighting: cpm, degree, sqrt, log, authors-cpm.", DefaultValueFactory = _ => "degree" };

    public Option<string> ItemWeights { get; } = new("--item-weights") { Description = "Item weighting: cpm, degree, sqrt, log, authors-cpm (the authors' code).", DefaultValueFactory = _ => "cpm" };

    public Option<int> Passes { get; } = new("--passes") { Description = "Label-propagation passes T.", DefaultValueFactory = _ => 5 };

    public Option<string> Move { get; } = new("--move") { Description = "Move rule: always (the authors' code) or if-better.", DefaultValueFactory = _ => "always" };

    public Option<bool> NoSecondary { get; } = new("--no-secondary") { Description = "Switch off secondary user clusters." };

    public Option<string> Isolated { get; } = new("--isolated") { Description = "Entities with no training interaction: cold (one shared row per side) or own (a row each).", DefaultValueFactory = _ => "cold" };

    public Option<int?> StopRows { get; } = new("--stop-rows") { Description = "Stop the passes once user rows + item rows is at most N (the authors' row budget)." };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { UserWeights, ItemWeights, Passes, Move, NoSecondary, Isolated, StopRows })
        {
            command.Options.Add(o);
        }
    }

    public BacoOptions Bind(ParseResult parsed)
    {
        var options = new BacoOptions
        {
            UserWeights = NodeWeights.Parse(parsed.GetValue(UserWeights)!),
            ItemWeights = NodeWeights.Parse(parsed.GetValue(ItemWeights)!),
            Passes = parsed.GetValue(Passes),
            MoveRule = parsed.GetValue(Move)!.ToLowerInvariant() switch
            {
                "always" => MoveRule.Always,
                "if-better" or "ifbetter" => MoveRule.IfBetter,
                var m => throw new CliError($"'--move': '{m}' must be always or if-better."),
            },
            SecondaryUserClusters = !parsed.GetValue(NoSecondary),
            Isolated = parsed.GetValue(Isolated)!.ToLowerInvariant() switch
            {
                "cold" => IsolatedPolicy.SharedColdRow,
                "own" => IsolatedPolicy.OwnRow,
                var i => throw new CliError($"'--isolated': '{i}' must be cold or own."),
            },
            StopRows = parsed.GetValue(StopRows),
        };
        options.Validate();
        return options;
    }
}
