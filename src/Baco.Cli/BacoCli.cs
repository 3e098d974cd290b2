using System.CommandLine;
using Baco.Cli.Commands;

namespace Baco.Cli;

/// <summary>The command tree; Program calls it with the process streams, tests with string writers.</summary>
internal static class BacoCli
{
    public static int Run(string[] args, CliIO io)
    {
        var root = new RootCommand("baco: compress recommender embedding tables with balanced co-clustering (BACO) and compare against baselines.");
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
