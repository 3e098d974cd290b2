using Baco.Models;

namespace Baco.Training;

/// <summary>
/// Hyper-parameters of <see cref="Trainer.Train"/>. Defaults are the BACO paper's protocol:
/// LightGCN, 2 layers, d = 64, BPR, Adam lr 1e-3 with weight decay 1e-8, batch 1024, up to
/// 1000 epochs, validation every 10 epochs, early stop after 50 epochs without a better
/// validation Recall@20.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Backbone.</summary>
    public ModelKind Model { get; init; } = ModelKind.LightGcn;

    /// <summary>LightGCN propagation layers (ignored by MF).</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Embedding width.</summary>
    public int Dim { get; init; } = 64;

    /// <summary>Maximum number of epochs.</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>BPR triples per step.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Adam learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Adam weight decay (PyTorch semantics: wd * p added to the gradient of every parameter).</summary>
    public float WeightDecay { get; init; } = 1e-8f;

    /// <summary>
    /// LightGCN's L2 penalty on the batch's looked-up (layer-0) embeddings:
    /// reg * (|e_u|^2 + |e_i|^2 + |e_j|^2) / 2 / batch. 1e-4 is LightGCN's default.
    /// </summary>
    public float L2Regularization { get; init; } = 1e-4f;

    /// <summary>Adam beta1.</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam beta2.</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Adam epsilon.</summary>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>How each epoch draws its positives.</summary>
    public PositiveSampling Sampling { get; init; } = PositiveSampling.ShuffledInteractions;

    /// <summary>Codebook initialisation.</summary>
    public EmbeddingInit Init { get; init; } = EmbeddingInit.Normal;

    /// <summary>Validate every this many epochs (0 disables validation and early stopping).</summary>
    public int EvalEvery { get; init; } = 10;

    /// <summary>Stop when this many epochs passed since the best validation Recall@<see cref="EarlyStopK"/>.</summary>
    public int Patience { get; init; } = 50;

    /// <summary>Cut-off of the early-stopping metric (Recall, paper denominator).</summary>
    public int EarlyStopK { get; init; } = 20;

    /// <summary>Cut-offs reported for validation and test.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [10, 20, 50];

    /// <summary>Seed of initialisation, shuffling, negative sampling and the validation hold-out.</summary>
    public ulong Seed { get; init; } = 2025;

    /// <summary>Share of each user's training interactions held out for validation when the dataset has none.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Checkpoint file; when it exists at start, training resumes from it.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Write a checkpoint every this many epochs (0: after each validation, or every 10 epochs without validation).</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Report batch progress every this many steps (epoch ends and validations are always reported).</summary>
    public int ProgressEvery { get; init; } = 20;

    /// <summary>Checks the values and throws <see cref="InvalidSettingException"/> (naming the property) on the first bad one.</summary>
    public void Validate()
    {
        static void Check(bool ok, string setting, string reason)
        {
            if (!ok)
            {
                throw new InvalidSettingException(setting, reason);
            }
        }

        static string V(double x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Check(Dim > 0, nameof(Dim), $"{Dim} must be positive");
        Check(Layers >= 0, nameof(Layers), $"{Layers} must be 0 or more");
        Check(Epochs >= 0, nameof(Epochs), $"{Epochs} must be 0 or more");
        Check(BatchSize > 0, nameof(BatchSize), $"{BatchSize} must be positive");
        Check(LearningRate > 0 && float.IsFinite(LearningRate), nameof(LearningRate), $"{V(LearningRate)} must be a positive number");
        Check(WeightDecay >= 0 && float.IsFinite(WeightDecay), nameof(WeightDecay), $"{V(WeightDecay)} must be 0 or more");
        Check(L2Regularization >= 0 && float.IsFinite(L2Regularization), nameof(L2Regularization), $"{V(L2Regularization)} must be 0 or more");
        Check(EvalEvery >= 0, nameof(EvalEvery), $"{EvalEvery} must be 0 or more");
        Check(Patience >= 0, nameof(Patience), $"{Patience} must be 0 or more");
        Check(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), $"{V(ValidationFraction)} must be in [0, 1)");
        Check(Ks.Count > 0 && Ks.All(k => k > 0), nameof(Ks), "must be one or more positive cut-offs");
        Check(Ks.Contains(EarlyStopK), nameof(EarlyStopK), $"{EarlyStopK} must be one of the reported cut-offs ({string.Join(", ", Ks)})");
    }
}
