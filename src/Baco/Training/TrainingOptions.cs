using Baco.Models;

namespace Baco.Training;

/// <summary>
/// Hyper-parameters of <see cref="Trainer.Train(Data.Dataset, Codebooks.CodebookAssignment, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>. Defaults are the BACO paper's protocol:
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

    /// <summary>The layers the model has, as its config.json records them: 0 for MF, which has none.</summary>
    internal int ModelLayers => Model == ModelKind.MatrixFactorization ? 0 : Layers;

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

    /// <summary>
    /// Standard deviation of <see cref="EmbeddingInit.Normal"/>: 0.1 (LightGCN's reference code);
    /// 1.0 is PyTorch's nn.Embedding default, which the BACO authors' code keeps.
    /// </summary>
    public double InitStd { get; init; } = 0.1;

    /// <summary>
    /// Experimental, off by default: each co-cluster's item row starts as a copy of its user row,
    /// so a user starts out scoring its own co-cluster's items highest (<see cref="LinkedInitialisation"/>;
    /// docs/METHOD.md, "Linked initialisation"). Needs an assignment with co-clusters
    /// (<see cref="Codebooks.CodebookAssignment.ItemRowOfUserRow"/>): BACO and the graph baselines.
    /// </summary>
    public bool LinkedInit { get; init; }

    /// <summary>
    /// Start the mapped codebook rows from a trained model's (<see cref="Training.WarmStart"/>);
    /// null: every row from <see cref="Init"/>.
    /// </summary>
    public WarmStart? WarmStart { get; init; }

    /// <summary>Validate every this many epochs (0 disables validation and early stopping).</summary>
    public int EvalEvery { get; init; } = 10;

    /// <summary>
    /// Stop at the first validation that is no better than the best Recall@<see cref="EarlyStopK"/>
    /// and comes this many epochs or more after it (0: at the first validation that does not improve).
    /// </summary>
    public int Patience { get; init; } = 50;

    /// <summary>Cut-off of the early-stopping metric (Recall, paper denominator).</summary>
    public int EarlyStopK { get; init; } = 20;

    /// <summary>Cut-offs reported for validation and test.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [10, 20, 50];

    /// <summary>Seed of initialisation, shuffling, negative sampling and the validation hold-out (0, as <c>baco train</c>'s <c>--seed</c>, so the library and the CLI give the same run).</summary>
    public ulong Seed { get; init; }

    /// <summary>Share of each user's training interactions held out for validation when the dataset has none (and the run validates: <see cref="EvalEvery"/> and <see cref="Epochs"/> above 0).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>
    /// The share actually held out: none when validation is off (<see cref="EvalEvery"/> 0) or
    /// nothing is trained (<see cref="Epochs"/> 0: a run that only evaluates a warm start has
    /// nothing to validate, and a hold-out would only drop interactions from its graph).
    /// </summary>
    internal double HeldOutFraction => EvalEvery > 0 && Epochs > 0 ? ValidationFraction : 0;

    /// <summary>Checkpoint file; when it exists at start, training resumes from it.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Write a checkpoint every this many epochs (0: after each validation, or every 10 epochs without validation).</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Report batch progress every this many steps (epoch ends and validations are always reported).</summary>
    public int ProgressEvery { get; init; } = 20;

    /// <summary>Checks the values and throws <see cref="InvalidSettingException"/> on the first bad one.</summary>
    public void Validate()
    {
        static void Check(bool ok, string setting, object value, string rule)
        {
            if (!ok)
            {
                throw new InvalidSettingException(setting, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value} {rule}"));
            }
        }

        Check(Dim > 0, nameof(Dim), Dim, "must be at least 1");
        Check(Layers >= 0, nameof(Layers), Layers, "must be at least 0");
        Check(Epochs >= 0, nameof(Epochs), Epochs, "must be at least 0");
        Check(BatchSize > 0, nameof(BatchSize), BatchSize, "must be at least 1");
        Check(float.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), LearningRate, "must be a positive number");
        Check(float.IsFinite(WeightDecay) && WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "must be at least 0");
        Check(float.IsFinite(L2Regularization) && L2Regularization >= 0, nameof(L2Regularization), L2Regularization, "must be at least 0");
        Check(EvalEvery >= 0, nameof(EvalEvery), EvalEvery, "must be at least 0");
        Check(Patience >= 0, nameof(Patience), Patience, "must be at least 0");
        Check(double.IsFinite(InitStd) && InitStd > 0, nameof(InitStd), InitStd, "must be a positive number");
        Check(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), ValidationFraction, "must be at least 0 and below 1");
        Check(Ks.Count > 0 && Ks.All(k => k > 0), nameof(Ks), string.Join(",", Ks), "must be positive cut-offs");
        Check(Ks.Contains(EarlyStopK), nameof(EarlyStopK), EarlyStopK, "must be one of the cut-offs Ks");
    }
}
