using System.Diagnostics;

namespace Baco.Bench;

/// <summary>Minimal timing harness: warm-up, then the median and spread of repeated runs.</summary>
internal static class Measure
{
    public static Timing Repeat(int runs, Action body, int warmup = 1)
    {
        for (int k = 0; k < warmup; k++)
        {
            body();
        }

        var seconds = new double[runs];
        for (int k = 0; k < runs; k++)
        {
            var sw = Stopwatch.StartNew();
            body();
            seconds[k] = sw.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return new Timing(seconds[runs / 2], seconds[0], seconds[^1], runs);
    }

    public static string Machine() => $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";
}

/// <summary>Median, min and max seconds over a number of runs.</summary>
internal readonly record struct Timing(double Median, double Min, double Max, int Runs)
{
    public override string ToString() => $"median {Median * 1000:F1} ms (min {Min * 1000:F1}, max {Max * 1000:F1}, {Runs} runs)";
}
