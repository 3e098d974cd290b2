using System.CommandLine;
using Baco.Assignment;
using Baco.Data;

namespace Baco.Cli.Commands;

/// <summary>The options that say where interactions come from, shared by every command that reads data.</summary>
internal sealed class DataOptions
{
    public Option<string?> Train { get; } = CliOptions.Path("--train", "Training interactions (edge list or LightGCN adjacency lists). Omit to use the built-in synthetic data.");

    public Option<string?> Validation { get; } = CliOptions.Path("--val", "Validation interactions, read against the training id space.");

    public Option<string?> Test { get; } = CliOptions.Path("--test", "Test interactions, read against the training id space.");

    public Option<string> Format { get; } = CliOptions.Choice("--format", "File layout: auto, edges or adjacency (auto reads adjacency lists only when no edge-list reading fits).", Names.Of(InteractionFormat.Auto), Names.All<InteractionFormat>());

    public Option<string> Header { get; } = CliOptions.Choice("--header", "Whether the first line is a header: auto, yes or no.", "auto", ["auto", "yes", "no"]);

    public void AddTo(Command command, bool withEvaluationFiles)
    {
        command.Options.Add(Train);
        if (withEvaluationFiles)
        {
            command.Options.Add(Validation);
            command.Options.Add(Test);
        }

        command.Options.Add(Format);
        command.Options.Add(Header);
    }

    /// <summary>The input files named on the command line (for keeping outputs away from them).</summary>
    public string?[] Inputs(ParseResult parsed) => [parsed.GetValue(Train), parsed.GetValue(Validation), parsed.GetValue(Test)];

    /// <summary>The reader's settings from --format and --header, with warnings as "baco: warning:" lines.</summary>
    public ReadOptions ReadOptions(ParseResult parsed, CliIO io) => new()
    {
        Format = Names.Parse<InteractionFormat>(parsed.GetValue(Format)!, nameof(Baco.Data.ReadOptions.Format), "a file layout"),
        HasHeader = parsed.GetValue(Header) switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        },
        Warnings = new WarningLines(io.Error),
    };

    /// <summary>
    /// Reads the files named on the command line, or generates the built-in data when none is,
    /// and prints a warning line for each thing in them that would mislead an evaluation.
    /// With <paramref name="numberedAs"/>, its users and items are numbered first, as it numbers
    /// them (integer ids as names), so that the data match the stored assignment entity by entity.
    /// </summary>
    public LoadedData Load(ParseResult parsed, CliIO io, StoredAssignment? numberedAs = null)
    {
        var train = parsed.GetValue(Train);
        var val = parsed.GetValue(Validation);
        var test = parsed.GetValue(Test);
        if (train is null)
        {
            if (val is not null || test is not null)
            {
                throw new CliError("'--val' and '--test' need '--train': they are read against the training file's id space.");
            }

            io.Progress.Report("no --train given: using the built-in synthetic data (planted co-clusters, power-law degrees)");
            return new LoadedData(BuiltInData.Create(), "built-in synthetic data");
        }

        var options = ReadOptions(parsed, io) with { KnownUsers = numberedAs?.Users, KnownItems = numberedAs?.Items };
        io.Progress.Report($"reading {train}");
        var data = InteractionReader.Read(train, val, test, options);
        foreach (string warning in DatasetChecks.Inspect(data))
        {
            io.Error.WriteLine($"baco: warning: {warning}");
        }

        return new LoadedData(data, Path.GetFullPath(train));
    }
}

/// <summary>The reader's warnings as "baco: warning:" lines, written as they come (synchronously, in order).</summary>
internal sealed class WarningLines(TextWriter error) : IProgress<string>
{
    public void Report(string value) => error.WriteLine("baco: warning: " + OptionNames.InCliTerms(value));
}

/// <summary>A dataset and a description of where it came from.</summary>
internal sealed record LoadedData(Dataset Dataset, string Source);
