using System.CommandLine;
using System.CommandLine.Help;
using Baco.Cli.Commands;

namespace Baco.Cli;

/// <summary>The command tree; Program calls it with the process streams, tests with string writers.</summary>
internal static class BacoCli
{
    public static int Run(string[] args, CliIO io)
    {
        // RootCommand names itself after the executable (Baco.Cli under `dotnet run`); the tool is `baco`.
        var root = new Command("baco", "Compress recommender embedding tables with balanced co-clustering (BACO) and compare against baselines.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(CompressCommand.Create(io));
        root.Subcommands.Add(TrainCommand.Create(io));
        root.Subcommands.Add(RecommendCommand.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        root.Subcommands.Add(DemoCommand.Create(io));

        ParseResult parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                io.Error.WriteLine($"baco: error: {e.Message}");
            }

            io.Error.WriteLine("Run 'baco --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error });
    }
}
