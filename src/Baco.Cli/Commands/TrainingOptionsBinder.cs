using System.CommandLine;
using Baco.Models;
using Baco.Training;

namespace Baco.Cli.Commands;

/// <summary>Model and optimiser settings as command-line options (defaults: the paper's protocol).</summary>
internal sealed class TrainingOptionsBinder
{
    public Option<string> Model { get; } = new("--model") { Description = "Recommender: lightgcn or mf.", DefaultValueFactory = _ => "lightgcn" };

    public Option<int> Layers { get; } = new("--layers") { Description = "LightGCN propagation layers.", DefaultValueFactory = _ => 2 };

    public Option<int> Dim { get; } = new("--dim") { Description = "Embedding dimension.", DefaultValueFactory = _ => 64 };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => 1000 };

    public Option<int> Batch { get; } = new("--batch") { Description = "BPR batch size.", DefaultValueFactory = _ => 1024 };

    public Option<float> LearningRate { get; } = new("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3f };

    public Option<float> WeightDecay { get; } = new("--weight-decay") { Description = "Adam weight decay.", DefaultValueFactory = _ => 1e-8f };

    public Option<float> Reg { get; } = new("--reg") { Description = "L2 regularisation of the batch's embeddings (LightGCN's).", DefaultValueFactory = _ => 1e-4f };

    public Option<int> EvalEvery { get; } = new("--eval-every") { Description = "Validate every N epochs (0: never).", DefaultValueFactory = _ => 10 };

    public Option<int> Patience { get; } = new("--patience") { Description = "Stop after N epochs without a better validation Recall@20.", DefaultValueFactory = _ => 50 };

    public Option<double> ValFraction { get; } = new("--val-fraction") { Description = "Without --val: the seeded share of each user's training interactions held out for validation.", DefaultValueFactory = _ => 0.1 };

    public Option<string> Init { get; } = new("--init") { Description = "Codebook initialisation: normal (std 0.1, LightGCN's reference code) or xavier (Xavier-uniform).", DefaultValueFactory = _ => "normal" };

    public Option<FileInfo?> Checkpoint { get; } = new("--checkpoint") { Description = "Checkpoint file: written every validation, and resumed from if it exists." };

    public void AddTo(Command command, bool withDim = true)
    {
        var all = new List<Option> { Model, Layers, Epochs, Batch, LearningRate, WeightDecay, Reg, EvalEvery, Patience, ValFraction, Init, Checkpoint };
        if (withDim)
        {
            all.Insert(2, Dim);
        }

        foreach (var o in all)
        {
            command.Options.Add(o);
        }
    }

    public TrainingOptions Bind(ParseResult parsed, int seed)
    {
        var options = new TrainingOptions
        {
            Model = ParseModel(parsed.GetValue(Model)!),
            Layers = parsed.GetValue(Layers),
            Dim = parsed.GetValue(Dim),
            Epochs = parsed.GetValue(Epochs),
            BatchSize = parsed.GetValue(Batch),
            LearningRate = parsed.GetValue(LearningRate),
            WeightDecay = parsed.GetValue(WeightDecay),
            L2Regularization = parsed.GetValue(Reg),
            EvalEvery = parsed.GetValue(EvalEvery),
            Patience = parsed.GetValue(Patience),
            ValidationFraction = parsed.GetValue(ValFraction),
            Seed = (ulong)seed,
            Init = ParseInit(parsed.GetValue(Init)!),
            CheckpointPath = parsed.GetValue(Checkpoint)?.FullName,
        };
        options.Validate();
        return options;
    }

    public static EmbeddingInit ParseInit(string name) => name.ToLowerInvariant() switch
    {
        "normal" => EmbeddingInit.Normal,
        "xavier" or "xavier-uniform" => EmbeddingInit.XavierUniform,
        _ => throw new CliError($"'--init': '{name}' must be normal or xavier."),
    };

    public static ModelKind ParseModel(string name) => name.ToLowerInvariant() switch
    {
        "lightgcn" => ModelKind.LightGcn,
        "mf" => ModelKind.MatrixFactorization,
        _ => throw new CliError($"'--model': '{name}' must be lightgcn or mf."),
    };
}
