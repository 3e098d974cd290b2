using System.CommandLine;
using Baco.Clustering;
using Baco.Models;
using Baco.Training;
using Baco.Workflows;

namespace Baco.Cli.Commands;

/// <summary>
/// `baco demo`: the README's first command. On the built-in synthetic data it compares full,
/// baco, graphhash and random at a 25 % budget with a short LightGCN schedule (about a minute on 2 cores).
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliIO io)
    {
        var output = CliOptions.Path("--out", "Directory for the report and plots (an existing one is replaced only if baco wrote it).", "baco-demo");
        var command = new Command("demo", "Compare full, baco, graphhash and random on built-in synthetic data (about a minute).") { output };
        command.SetAction(parsed => CommandRunner.Run(() =>
        {
            using var outDir = OutputPaths.Prepare("--out", parsed.GetValue(output)!, "baco demo");
            using var signals = CancelSignals.Listen(io);
            io.Progress.Report("built-in synthetic data: planted co-clusters with power-law degrees; no downloads");
            string[] wanted = ["full", "baco", "graphhash", "random"];
            var options = new ComparisonOptions
            {
                Methods = [.. wanted.Where(m => CompressionMethods.Names.Contains(m))],
                Target = CompressionTarget.Fraction(0.25),
                Training = DemoTraining,
            };
            var data = TrainingData.ForTraining(BuiltInData.Create(), options.Training, "built-in synthetic data");
            return BenchCommand.ExitCode(BenchCommand.Run(io, data, options, outDir, signals, command: "baco demo"));
        }, io.Error));
        return command;
    }

    /// <summary>A short schedule: a larger learning rate so a few epochs separate the methods.</summary>
    internal static TrainingOptions DemoTraining { get; } = new()
    {
        Model = ModelKind.LightGcn,
        Layers = 2,
        Dim = 32,
        Epochs = 12,
        LearningRate = 5e-3f,
        EvalEvery = 4,
        Patience = 8,
        Seed = 0,
    };
}
