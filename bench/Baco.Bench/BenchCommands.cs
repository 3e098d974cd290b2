using System.CommandLine;
using System.CommandLine.Help;
using Baco.Training;

namespace Baco.Bench;

/// <summary>
/// The bench's command tree: one subcommand per benchmark, its settings as named options with the
/// defaults docs/BENCHMARKS.md uses, and one data locator, <c>--data</c>, for every subcommand.
/// Each benchmark class does its own work; this file only parses and dispatches.
/// </summary>
internal static class BenchCommands
{
    private const string Name = "Baco.Bench";

    public static int Run(string[] args)
    {
        var data = new Option<string>(DataSets.OptionName)
        {
            Description = "Folder of the data sets, one folder each (beauty/, gowalla/ with train.tsv, val.tsv, test.tsv); relative to the current directory.",
            DefaultValueFactory = _ => DataSets.DefaultRoot,
            HelpName = "DIR",
            Recursive = true,
        };
        var root = new Command(Name, "Benchmarks of Baco's speed, memory and accuracy; each prints medians (docs/BENCHMARKS.md records them). Run from the repository root.")
        {
            new HelpOption(),
            data,
        };
        root.Subcommands.Add(Beauty(data));
        root.Subcommands.Add(Gowalla(data));
        root.Subcommands.Add(Methods(data));
        root.Subcommands.Add(Ml20mGenerate(data));
        root.Subcommands.Add(Ml20m(data));
        root.Subcommands.Add(Training(data));
        root.Subcommands.Add(Accuracy(data));
        root.Subcommands.Add(Baselines(data));
        root.Subcommands.Add(RowTraffic(data));
        root.Subcommands.Add(SplitPrefix(data));
        if (args.Length == 0)
        {
            root.Parse(["--help"]).Invoke();
            return 2;
        }

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            string command = parsed.CommandResult.Command == root ? Name : $"{Name} {parsed.CommandResult.Command.Name}";
            Console.Error.WriteLine($"{Name}: error: {parsed.Errors[0].Message.TrimEnd('.')}; see '{command} --help'.");
            return 2;
        }

        return parsed.Invoke();
    }

    private static Command Beauty(Option<string> data)
    {
        var runs = Runs(11);
        return Benchmark("beauty", "BACO clustering time on Beauty with the authors' settings, and its row counts over seeds 0..19 against the authors' code.", data, [runs], (parsed, sets) =>
        {
            ClusteringBenchmarks.Beauty(sets, parsed.GetValue(runs));
            return 0;
        });
    }

    private static Command Gowalla(Option<string> data)
    {
        var runs = Runs(11);
        return Benchmark("gowalla", "BACO clustering time on Gowalla (gamma 7.57, stop at 11,533 rows), with and without the secondary-cluster pass.", data, [runs], (parsed, sets) =>
        {
            ClusteringBenchmarks.Gowalla(sets, parsed.GetValue(runs));
            return 0;
        });
    }

    private static Command Methods(Option<string> data)
    {
        var runs = Runs(11);
        var dataset = Dataset("gowalla");
        var methods = MethodList("baco,graphhash,leiden,scc");
        var threads = Count("--threads", "Threads every method may use (the library's Parallelism.Threads; scc's projections and k-means and the graph building run in parallel, BACO's solver does not). Default: every logical processor.", Environment.ProcessorCount);
        return Benchmark("methods", "Clustering time of BACO and the graph baselines side by side at 0.17 of the full table, each searching its own knob; ratios to BACO's time.", data, [runs, dataset, methods, threads], (parsed, sets) =>
        {
            Baco.Parallelism.Threads = Math.Min(parsed.GetValue(threads), Baco.Parallelism.MaxThreads);
            ClusteringBenchmarks.Methods(sets, parsed.GetValue(dataset)!, 0.17, parsed.GetValue(runs), Split(parsed.GetValue(methods)!));
            return 0;
        });
    }

    private static Command Ml20mGenerate(Option<string> data)
    {
        var file = FilePath("File to write the synthetic interactions to (about 20 million lines).");
        return Benchmark("ml20m-generate", "Write a synthetic interaction file the size of MovieLens-20M, for ml20m (a process of its own, so generating does not count).", data, [file], (parsed, _) =>
        {
            ScaleBenchmarks.Generate(parsed.GetValue(file)!);
            return 0;
        });
    }

    private static Command Ml20m(Option<string> data)
    {
        var file = FilePath("The file ml20m-generate wrote.");
        var gamma = new Option<double>("--gamma") { Description = "BACO's gamma, used as given (no search).", Required = true, HelpName = "G" };
        return Benchmark("ml20m", "Reading, graph and BACO at a fixed gamma on the MovieLens-20M-size file, and the process's peak memory.", data, [file, gamma], (parsed, _) =>
        {
            string path = parsed.GetValue(file)!;
            if (!System.IO.File.Exists(path))
            {
                throw new MissingInputException(file.Name, path, "write it first with ml20m-generate --file FILE");
            }

            ScaleBenchmarks.Run(path, parsed.GetValue(gamma));
            return 0;
        });
    }

    private static Command Training(Option<string> data)
    {
        var runs = Runs(5);
        var part = new Option<string>("--part") { Description = "Which measurement: step (LightGCN step, Gowalla), epoch (Beauty epoch), eval (Gowalla full ranking), memory (Gowalla run, peak memory) or all.", DefaultValueFactory = _ => "all", HelpName = "all|step|epoch|eval|memory" };
        part.Validators.Add(r =>
        {
            string[] parts = ["all", "step", "epoch", "eval", "memory"];
            if (!parts.Contains(r.GetValueOrDefault<string>()))
            {
                r.AddError($"'{part.Name}' must be one of {string.Join(", ", parts)}.");
            }
        });
        var method = new Option<string>("--method") { Description = "The step's table: full, or a compression method at 0.17 of the full table.", DefaultValueFactory = _ => "full", HelpName = "NAME" };
        return Benchmark("training", "Training and evaluation speed: LightGCN step on Gowalla, Beauty epoch, Gowalla full-ranking evaluation, peak memory of a Gowalla run.", data, [runs, part, method], (parsed, sets) =>
            TrainingBenchmarks.Run(sets, parsed.GetValue(runs), parsed.GetValue(part)!, parsed.GetValue(method)!));
    }

    private static Command Accuracy(Option<string> data)
    {
        var epochs = Count("--epochs", "Most epochs to train (early stopping may end sooner).", 1000);
        var reg = new Option<float>("--reg") { Description = "LightGCN's L2 regularisation on the batch's embeddings.", DefaultValueFactory = _ => 1e-4f, HelpName = "L2" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file, so an interrupted run resumes (default: none).", HelpName = "FILE" };
        var sampling = new Option<PositiveSampling>("--sampling") { Description = "How positives are drawn.", DefaultValueFactory = _ => PositiveSampling.ShuffledInteractions };
        return Benchmark("accuracy", "Beauty, full LightGCN, the paper's protocol: validation progress and test metrics.", data, [epochs, reg, checkpoint, sampling], (parsed, sets) =>
            TrainingBenchmarks.Accuracy(sets, parsed.GetValue(epochs), parsed.GetValue(reg), parsed.GetValue(checkpoint), parsed.GetValue(sampling)));
    }

    private static Command Baselines(Option<string> data)
    {
        var dataset = Dataset("gowalla");
        var runs = Runs(3);
        var budget = new Option<double>("--budget") { Description = "Parameter budget as a fraction of the full table (d = 64).", DefaultValueFactory = _ => 0.17, HelpName = "F" };
        budget.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 1))
            {
                r.AddError($"'{budget.Name}' must be a fraction in (0, 1].");
            }
        });
        var methods = MethodList("all");
        return Benchmark("baselines", "Time of each graph and hashing baseline to reach the budget, knob search included: median seconds, rows, parameters, knob, search runs.", data, [dataset, runs, budget, methods], (parsed, sets) =>
        {
            string wanted = parsed.GetValue(methods)!;
            return BaselineBenchmarks.Run(sets, parsed.GetValue(dataset)!, parsed.GetValue(runs), parsed.GetValue(budget), wanted == "all" ? null : Split(wanted));
        });
    }

    private static Command RowTraffic(Option<string> data)
    {
        var dataset = Dataset("beauty");
        var rows = Count("--rows", "Budget in codebook rows (users + items).", 9000);
        var methods = MethodList("full,baco,graphhash,leiden,scc,lp,random,double,frequency");
        return Benchmark("row-traffic", "Per method at one row budget: how often the rows behind users, items and test interactions get a gradient per epoch, and the initial embedding norm.", data, [dataset, rows, methods], (parsed, sets) =>
            RowTrafficAnalysis.Run(sets, parsed.GetValue(dataset)!, parsed.GetValue(rows), Split(parsed.GetValue(methods)!)));
    }

    private static Command SplitPrefix(Option<string> data)
    {
        var input = new Option<string>("--in") { Description = "Interaction file to split.", Required = true, HelpName = "FILE" };
        var percent = new Option<int>("--percent") { Description = "Share of each user's lines, in file order, that go to --first (0-100).", Required = true, HelpName = "P" };
        percent.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 100)
            {
                r.AddError("'--percent' must be a whole number from 0 to 100.");
            }
        });
        var first = new Option<string>("--first") { Description = "File for the first part (created or replaced).", Required = true, HelpName = "FILE" };
        var rest = new Option<string>("--rest") { Description = "File for the rest (created or replaced).", Required = true, HelpName = "FILE" };
        var header = new Option<bool>("--header") { Description = "The first line is a header: copy it to both files." };
        return Benchmark("split-prefix", "Split an interaction file per user in file order (for the incremental experiment): the first P % of each user's lines, then the rest.", data, [input, percent, first, rest, header], (parsed, _) =>
        {
            string path = parsed.GetValue(input)!;
            if (!System.IO.File.Exists(path))
            {
                throw new MissingInputException(input.Name, path, "name an existing interaction file");
            }

            return PrefixSplit.Run(path, parsed.GetValue(percent), parsed.GetValue(first)!, parsed.GetValue(rest)!, parsed.GetValue(header));
        });
    }

    /// <summary>A subcommand that prints the header line, runs <paramref name="body"/>, and reports a missing input as one line, exit code 2.</summary>
    private static Command Benchmark(string name, string description, Option<string> data, Option[] options, Func<ParseResult, DataSets, int> body)
    {
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed =>
        {
            Console.WriteLine($"# {name} on {Measure.Machine()}, {DateTime.UtcNow:yyyy-MM-dd}");
            try
            {
                return body(parsed, new DataSets(parsed.GetValue(data)!));
            }
            catch (MissingInputException e)
            {
                Console.Error.WriteLine($"{Name}: error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Option<int> Runs(int defaultValue) => Count("--runs", "Timed runs; the median is reported.", defaultValue);

    private static Option<int> Count(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "N" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"'{name}' must be at least 1.");
            }
        });
        return option;
    }

    private static Option<string> Dataset(string defaultValue)
        => new("--dataset") { Description = "Data set: a folder under --data holding train.tsv (and val.tsv, test.tsv where used).", DefaultValueFactory = _ => defaultValue, HelpName = "NAME" };

    private static Option<string> MethodList(string defaultValue)
        => new("--methods") { Description = "Methods, comma-separated (names as in 'baco compress --help').", DefaultValueFactory = _ => defaultValue, HelpName = "M1,M2,..." };

    private static Option<string> FilePath(string description)
        => new("--file") { Description = description, Required = true, HelpName = "FILE" };

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
