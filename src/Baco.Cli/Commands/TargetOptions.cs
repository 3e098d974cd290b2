using System.CommandLine;
using Baco.Clustering;

namespace Baco.Cli.Commands;

/// <summary>--gamma / --budget / --budget-rows: exactly one target, --budget 0.25 when none is given.</summary>
internal sealed class TargetOptions
{
    public Option<double?> Gamma { get; } = CliOptions.OptionalNumber<double>("--gamma", "Use this gamma (the method's knob: rows for hashing, clusters for scc, resolution for graph methods) as given; no search.", g => g > 0, "must be a positive number");

    public Option<double?> Budget { get; } = CliOptions.OptionalNumber<double>("--budget", "Parameter budget as a fraction of the full table, e.g. 0.25 (default). The knob is searched.", f => f > 0 && f <= 1, "must be a fraction in (0, 1], e.g. 0.25");

    public Option<int?> BudgetRows { get; } = CliOptions.OptionalNumber<int>("--budget-rows", "Parameter budget as N codebook rows' worth (N * dim), e.g. 9000. The knob is searched.", r => r > 0, "must be a positive number of rows");

    public IEnumerable<Option> All => [Gamma, Budget, BudgetRows];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The full table has no knob and no budget: a target given when every method of
    /// <paramref name="methods"/> (from the option <paramref name="optionName"/>) is the full table would be ignored, so it is refused.
    /// </summary>
    public void RefuseKnobForFull(ParseResult parsed, IReadOnlyList<string> methods, string optionName)
    {
        if (methods.All(m => m == "full") && All.FirstOrDefault(o => parsed.Given(o)) is { } given)
        {
            throw new CliError($"'{given.Name}' sizes a compressed table, but '{optionName} full' keeps every row: drop one of them.");
        }
    }

    public CompressionTarget Bind(ParseResult parsed, double defaultFraction = 0.25)
    {
        double? gamma = parsed.GetValue(Gamma);
        double? budget = parsed.GetValue(Budget);
        int? rows = parsed.GetValue(BudgetRows);
        int given = (gamma is null ? 0 : 1) + (budget is null ? 0 : 1) + (rows is null ? 0 : 1);
        if (given > 1)
        {
            throw new CliError("give at most one of '--gamma', '--budget' and '--budget-rows'.");
        }

        return gamma is double g ? CompressionTarget.Knob(g)
            : rows is int r ? CompressionTarget.Rows(r)
            : CompressionTarget.Fraction(budget ?? defaultFraction);
    }
}
