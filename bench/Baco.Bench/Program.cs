using Baco.Bench;

// Subcommands: "training" (speed benchmarks), "accuracy" (Beauty full LightGCN, paper protocol).
string command = args.Length > 0 ? args[0] : "training";
return command switch
{
    "training" => TrainingBenchmarks.Run(args[1..]),
    "accuracy" => TrainingBenchmarks.Accuracy(args[1..]),
    _ => Unknown(command),
};

static int Unknown(string command)
{
    Console.Error.WriteLine($"unknown benchmark '{command}'; use: training | accuracy");
    return 2;
}
