using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Baco.Cli.Commands;

namespace Baco.Cli;

/// <summary>The command tree; Program calls it with the process streams, tests with string writers.</summary>
internal static class BacoCli
{
    public static int Run(string[] args, CliIO io)
        => CommandRunner.Run(() => ParseAndInvoke(args, io), io.Error);

    private static int ParseAndInvoke(string[] args, CliIO io)
    {
        // RootCommand names itself after the executable (Baco.Cli under `dotnet run`); the tool is `baco`.
        var threads = CliOptions.OptionalNumber<int>("--threads", "Threads for training, evaluation and clustering (default: every logical processor); results are identical for any value.",
            t => t is >= 1 and <= Parallelism.MaxThreads, $"must be a whole number from 1 to {Parallelism.MaxThreads}");
        threads.Recursive = true;
        var root = new Command("baco", "Compress recommender embedding tables with balanced co-clustering (BACO) and compare against baselines.")
        {
            new HelpOption(),
            new VersionOption(),
            threads,
        };
        root.Subcommands.Add(CompressCommand.Create(io));
        root.Subcommands.Add(TrainCommand.Create(io));
        root.Subcommands.Add(AssignCommand.Create(io));
        root.Subcommands.Add(RecommendCommand.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        root.Subcommands.Add(DemoCommand.Create(io));

        // Exceptions reach CommandRunner (one line, an exit code), not System.CommandLine's handler, which prints a stack trace (help into a closed stdout).
        var configuration = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            // No command is a usage error: show what there is, and say so in the exit code.
            root.Parse(["--help"]).Invoke(configuration);
            return ExitCodes.BadInput;
        }

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            io.Error.WriteLine($"baco: error: {Describe(parsed, threads)}");
            return ExitCodes.BadInput;
        }

        // The setting is process-wide; put it back so an in-process caller (the tests) keeps its own.
        int previous = Parallelism.Threads;
        try
        {
            if (parsed.GetValue(threads) is int t)
            {
                Parallelism.Threads = t;
            }

            return parsed.Invoke(configuration);
        }
        finally
        {
            Parallelism.Threads = previous;
        }
    }

    /// <summary>The first parse error as one line, with a suggestion for a misspelt command or option.</summary>
    private static string Describe(ParseResult parsed, Option threads)
    {
        var command = parsed.CommandResult.Command;
        string path = CommandPath(parsed.CommandResult);
        string help = $"see '{path} --help'";
        if (parsed.UnmatchedTokens.Count > 0)
        {
            string token = parsed.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                var names = command.Options.Append(threads).SelectMany(o => o.Aliases.Prepend(o.Name));
                return $"unknown option '{token}' for '{path}'{Suggestions.DidYouMean(token, names)}; {help}.";
            }

            if (command.Subcommands.Count > 0)
            {
                return $"unknown command '{token}'{Suggestions.DidYouMean(token, command.Subcommands.Select(c => c.Name))}; {help}.";
            }

            // A value after a switch ("--json yes") is left unmatched: name the switch, not only the value.
            int at = parsed.Tokens.Select(t => t.Value).ToList().IndexOf(token);
            if (at > 0 && command.Options.Append(threads).FirstOrDefault(o => o.ValueType == typeof(bool) && (o.Name == parsed.Tokens[at - 1].Value || o.Aliases.Contains(parsed.Tokens[at - 1].Value))) is { } flag)
            {
                return $"'{flag.Name}' is a switch and takes no value (unexpected '{token}'): give it alone to turn it on; {help}.";
            }

            return $"unexpected argument '{token}' (options take the form --name value); {help}.";
        }

        string message = parsed.Errors[0].Message;
        if (message == "Required command was not provided.")
        {
            return $"no command given; {help}.";
        }

        // "--top 3 --top 4" reads as one option given two values: say it was given twice.
        if (System.Text.RegularExpressions.Regex.Match(message, @"^Option '(?<name>[^']+)' expects a single argument but (?<n>\d+) were provided") is { Success: true } twice
            && command.Options.FirstOrDefault(o => o.Name == twice.Groups["name"].Value || o.Aliases.Contains(twice.Groups["name"].Value)) is { } repeated
            && parsed.Tokens.Count(t => t.Value == repeated.Name || repeated.Aliases.Contains(t.Value)) is int given and > 1)
        {
            return $"'{repeated.Name}' is given {given} times; give it once; {help}.";
        }

        return $"{char.ToLowerInvariant(message[0])}{message[1..].TrimEnd('.')}; {help}.";
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
