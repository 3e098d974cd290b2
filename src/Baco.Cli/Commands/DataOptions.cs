using System.CommandLine;
using Baco.Data;

namespace Baco.Cli.Commands;

/// <summary>The options that say where interactions come from, shared by every command that reads data.</summary>
internal sealed class DataOptions
{
    public Option<FileInfo?> Train { get; } = new("--train") { Description = "Training interactions (edge list or LightGCN adjacency lists). Omit to use the built-in synthetic data." };

    public Option<FileInfo?> Validation { get; } = new("--val") { Description = "Validation interactions, read against the training id space." };

    public Option<FileInfo?> Test { get; } = new("--test") { Description = "Test interactions, read against the training id space." };

    public Option<string> Format { get; } = new("--format") { Description = "File layout: auto, edges or adjacency.", DefaultValueFactory = _ => "auto" };

    public Option<string> Header { get; } = new("--header") { Description = "Whether the first line is a header: auto, yes or no.", DefaultValueFactory = _ => "auto" };

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

    /// <summary>Reads the files named on the command line, or generates the built-in data when none is.</summary>
    public LoadedData Load(ParseResult parsed, IProgress<string> progress)
    {
        var train = parsed.GetValue(Train);
        var val = parsed.GetValue(Validation);
        var test = parsed.GetValue(Test);
        if (train is null)
        {
            if (val is not null || test is not null)
            {
                throw new CliError("--val and --test need --train: they are read against the training file's id space.");
            }

            progress.Report("no --train given: using the built-in synthetic data (planted co-clusters, power-law degrees)");
            return new LoadedData(BuiltInData.Create(), "built-in synthetic data");
        }

        var options = new ReadOptions
        {
            Format = parsed.GetValue(Format)!.ToLowerInvariant() switch
            {
                "auto" => InteractionFormat.Auto,
                "edges" or "edgelist" => InteractionFormat.EdgeList,
                "adjacency" or "adj" => InteractionFormat.Adjacency,
                var f => throw new CliError($"'--format': '{f}' is not a layout; use auto, edges or adjacency."),
            },
            HasHeader = parsed.GetValue(Header)!.ToLowerInvariant() switch
            {
                "auto" => null,
                "yes" or "true" => true,
                "no" or "false" => false,
                var h => throw new CliError($"'--header': '{h}' must be auto, yes or no."),
            },
        };
        progress.Report($"reading {train.FullName}");
        var data = InteractionReader.Read(train.FullName, val?.FullName, test?.FullName, options);
        return new LoadedData(data, train.FullName);
    }
}

/// <summary>A dataset and a description of where it came from.</summary>
internal sealed record LoadedData(Dataset Dataset, string Source);
