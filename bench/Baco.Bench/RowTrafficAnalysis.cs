using System.Globalization;
using Baco.Clustering;
using Baco.Codebooks;
using Baco.Data;
using Baco.Graph;

namespace Baco.Bench;

/// <summary>
/// Why initialisation changes the ranking of methods: how often each method's codebook rows are
/// updated. Under Adam a row moves about lr per coordinate in every step where it has a gradient,
/// whatever the gradient's size, so a row's distance from its random start after E epochs is
/// about lr * E * (steps per epoch). A row shared by many entities is stepped in most batches; a
/// row of one tail entity in a handful. With N(0, 1) initial rows that handful cannot undo the
/// random start; with N(0, 0.1^2) it can. Prints, per method at one budget, the steps per epoch
/// of the rows behind users, items and test interactions, and the initial norm of an entity's
/// embedding relative to one row (a mean of k rows has 1/sqrt(k) of it, a sum sqrt(k)).
/// </summary>
internal static class RowTrafficAnalysis
{
    private const int Batch = 1024;

    /// <summary>Runs the analysis and returns an exit code.</summary>
    public static int Run(DataSets sets, string dataset, int rows, string[] methods)
    {
        string folder = sets.Folder(dataset);
        var data = InteractionReader.Read(sets.File(dataset, "train.tsv"), sets.File(dataset, "val.tsv"), sets.File(dataset, "test.tsv"));
        var graph = BipartiteGraph.FromDataset(data);
        int m = graph.EdgeCount;
        int batches = (m + Batch - 1) / Batch;
        double negativesPerItem = m / (double)graph.ItemCount;
        Console.WriteLine($"# row traffic on {folder}: {graph.UserCount:N0} users, {graph.ItemCount:N0} items, {m:N0} training interactions, {batches} batches of {Batch} per epoch, budget {rows} rows, d = 64");
        Console.WriteLine("| method | rows | user row steps/epoch: p10 / median | item row steps/epoch: p10 / median | test items' row steps/epoch: p10 / median | users / items with rows stepped < 10 times an epoch | initial norm (users / items, one row = 1) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (string name in methods)
        {
            var result = CompressionMethods.Create(name).Compress(graph, CompressionTarget.Rows(rows), new CompressionContext(64, 0));
            var a = result.Assignment;
            var userSteps = Steps(a.Users, u => graph.UserDegree(u), batches);
            var itemSteps = Steps(a.Items, i => graph.ItemDegree(i) + negativesPerItem, batches);
            double[] userEntity = PerEntity(a.Users, userSteps);
            double[] itemEntity = PerEntity(a.Items, itemSteps);
            double[] testItems = [.. data.Test!.Items.Select(i => itemEntity[i])];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {a.Users.RowCount:N0} + {a.Items.RowCount:N0} | {Quantile(userEntity, 0.1):F0} / {Quantile(userEntity, 0.5):F0} | {Quantile(itemEntity, 0.1):F0} / {Quantile(itemEntity, 0.5):F0} | {Quantile(testItems, 0.1):F0} / {Quantile(testItems, 0.5):F0} | {Share(userEntity, 10):P1} / {Share(itemEntity, 10):P1} | {InitialNorm(a.Users, a.Combiner):F3} / {InitialNorm(a.Items, a.Combiner):F3} |"));
        }

        return 0;
    }

    // Expected number of batches (of the epoch's B) in which a row with 'appearances' uses per epoch gets a gradient.
    private static double[] Steps(SideAssignment side, Func<int, double> appearances, int batches)
    {
        var traffic = new double[side.RowCount];
        for (int e = 0; e < side.EntityCount; e++)
        {
            foreach (int c in side.CodesOf(e))
            {
                traffic[c] += appearances(e);
            }
        }

        return [.. traffic.Select(t => batches * (1 - Math.Pow(1 - (1.0 / batches), t)))];
    }

    // An entity's embedding moves with the mean of its rows' steps.
    private static double[] PerEntity(SideAssignment side, double[] rowSteps)
    {
        var result = new double[side.EntityCount];
        for (int e = 0; e < side.EntityCount; e++)
        {
            var codes = side.CodesOf(e);
            double sum = 0;
            foreach (int c in codes)
            {
                sum += rowSteps[c];
            }

            result[e] = sum / codes.Length;
        }

        return result;
    }

    private static double InitialNorm(SideAssignment side, CodeCombiner combiner)
    {
        double sum = 0;
        for (int e = 0; e < side.EntityCount; e++)
        {
            int k = side.CodesOf(e).Length;
            sum += combiner == CodeCombiner.Mean ? 1 / Math.Sqrt(k) : Math.Sqrt(k);
        }

        return sum / side.EntityCount;
    }

    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }

    private static double Share(double[] values, double below) => values.Count(v => v < below) / (double)values.Length;
}
