using Baco.Bench;

// Benchmarks of the issues' targets. Each prints medians; docs/BENCHMARKS.md records them.
string what = args.Length > 0 ? args[0] : "help";
int runs = args.Length > 1 && int.TryParse(args[1], out int r) ? r : 11;
Console.WriteLine($"# {what} on {Measure.Machine()}, {DateTime.UtcNow:yyyy-MM-dd}");
switch (what)
{
    case "beauty":
        ClusteringBenchmarks.Beauty(runs);
        break;
    case "gowalla":
        ClusteringBenchmarks.Gowalla(runs);
        break;
    case "methods":
        ClusteringBenchmarks.Methods(args.Length > 2 ? args[2] : "gowalla", 0.17, runs, args.Length > 3 ? args[3].Split(',') : ["baco", "graphhash", "leiden", "scc"]);
        break;
    case "ml20m-generate":
        ScaleBenchmarks.Generate(args[1]);
        break;
    case "ml20m":
        ScaleBenchmarks.Run(args[1], double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "training":
        return TrainingBenchmarks.Run(args[1..]);
    case "baselines":
        return BaselineBenchmarks.Run(args[1..]);
    case "accuracy":
        return TrainingBenchmarks.Accuracy(args[1..]);
    case "row-traffic":
        return RowTrafficAnalysis.Run(args[1..]);
    case "split-prefix":
        return PrefixSplit.Run(args[1..]);
    default:
        Console.WriteLine("usage: Baco.Bench beauty|gowalla [runs] | methods [runs] [dataset] [m1,m2,...] | ml20m-generate FILE | ml20m FILE GAMMA | training | accuracy | baselines | row-traffic [DATASET_DIR] [ROWS] [m1,m2,...] | split-prefix IN PERCENT FIRST REST [header]");
        return 2;
}

return 0;
