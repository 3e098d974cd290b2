using Baco.Bench;

// Benchmarks of the issues' targets. Each prints medians; docs/BENCHMARKS.md records them.
string what = args.Length > 0 ? args[0] : "help";
int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 11;
Console.WriteLine($"# {what} on {Measure.Machine()}, {DateTime.UtcNow:yyyy-MM-dd}");
switch (what)
{
    case "beauty":
        ClusteringBenchmarks.Beauty(runs);
        break;
    case "gowalla":
        ClusteringBenchmarks.Gowalla(runs);
        break;
    default:
        Console.WriteLine("usage: Baco.Bench beauty|gowalla [runs]");
        return 2;
}

return 0;
