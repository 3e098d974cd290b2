using System.CommandLine;
using Baco.Clustering;

namespace Baco.Cli.Commands;

/// <summary>--gamma / --budget / --budget-rows: exactly one target, --budget 0.25 when none is given.</summary>
internal sealed class TargetOptions
{
    public Option<double?> Gamma { get; } = new("--gamma") { Description = "Use this gamma (the method's knob) as given; no search." };

    public Option<double?> Budget { get; } = new("--budget") { Description = "Parameter budget as a fraction of the full table, e.g. 0.25 (default). The knob is searched." };

    public Option<int?> BudgetRows { get; } = new("--budget-rows") { Description = "Parameter budget as N codebook rows' worth (N * dim), e.g. 9000. The knob is searched." };

    public void AddTo(Command command)
    {
        command.Options.Add(Gamma);
        command.Options.Add(Budget);
        command.Options.Add(BudgetRows);
    }

    public CompressionTarget Bind(ParseResult parsed, double defaultFraction = 0.25)
    {
        double? gamma = parsed.GetValue(Gamma);
        double? budget = parsed.GetValue(Budget);
        int? rows = parsed.GetValue(BudgetRows);
        int given = (gamma is null ? 0 : 1) + (budget is null ? 0 : 1) + (rows is null ? 0 : 1);
        if (given > 1)
        {
            throw new CliError("give at most one of --gamma, --budget and --budget-rows.");
        }

        if (gamma is double g)
        {
            return double.IsFinite(g) && g > 0 ? CompressionTarget.Knob(g) : throw new CliError($"'--gamma': {g} must be a positive number.");
        }

        if (rows is int r)
        {
            return r > 0 ? CompressionTarget.Rows(r) : throw new CliError($"'--budget-rows': {r} must be a positive number of rows.");
        }

        double f = budget ?? defaultFraction;
        return f > 0 && f <= 1 ? CompressionTarget.Fraction(f) : throw new CliError($"'--budget': {f} must be a fraction in (0, 1], e.g. 0.25.");
    }
}
