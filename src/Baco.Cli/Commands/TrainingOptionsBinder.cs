using System.CommandLine;
using Baco.Models;
using Baco.Training;

namespace Baco.Cli.Commands;

/// <summary>Model and optimiser settings as command-line options (defaults: the paper's protocol).</summary>
internal sealed class TrainingOptionsBinder
{
    /// <summary>Widest embedding the CLI accepts (the paper uses 64; beyond this a table of a few thousand rows fills memory).</summary>
    public const int MaxDim = 65_536;

    /// <summary>Largest BPR batch (a step's buffers are allocated per batch).</summary>
    public const int MaxBatch = 1 << 24;

    public Option<string> Model { get; } = CliOptions.Choice("--model", "Recommender: lightgcn or mf.", Names.Of(ModelKind.LightGcn), Names.All<ModelKind>());

    public Option<int> Layers { get; } = CliOptions.Number("--layers", "LightGCN propagation layers.", 2, n => n >= 0, "must be at least 0");

    public Option<int> Dim { get; } = CliOptions.Number("--dim", "Embedding dimension.", 64, n => n is >= 1 and <= MaxDim, $"must be between 1 and {MaxDim:N0}");

    public Option<int> Epochs { get; } = CliOptions.Number("--epochs", "Maximum epochs.", 1000, n => n >= 0, "must be at least 0");

    public Option<int> Batch { get; } = CliOptions.Number("--batch", "BPR batch size.", 1024, n => n is >= 1 and <= MaxBatch, $"must be between 1 and {MaxBatch:N0}");

    public Option<float> LearningRate { get; } = CliOptions.Number("--lr", "Adam learning rate.", 1e-3f, x => x > 0, "must be a positive number");

    public Option<float> WeightDecay { get; } = CliOptions.Number("--weight-decay", "Adam weight decay.", 1e-8f, x => x >= 0, "must be at least 0");

    public Option<float> Reg { get; } = CliOptions.Number("--reg", "L2 regularisation of the batch's embeddings (LightGCN's).", 1e-4f, x => x >= 0, "must be at least 0");

    public Option<int> EvalEvery { get; } = CliOptions.Number("--eval-every", "Validate every N epochs (0: never; a run of fewer epochs never validates, and an explicit --eval-every above --epochs is refused).", 10, n => n >= 0, "must be at least 0");

    public Option<int> Patience { get; } = CliOptions.Number("--patience", "Stop at the first validation N or more epochs after the best validation Recall@20 that does not beat it.", 50, n => n >= 0, "must be at least 0");

    public Option<double> ValFraction { get; } = CliOptions.Number("--val-fraction", "Without --val: the seeded share of each user's training interactions held out for validation.", 0.1, f => f is >= 0 and < 1, "must be at least 0 and below 1");

    public Option<string> Init { get; } = CliOptions.Choice("--init", "Codebook initialisation: normal (std 0.1, LightGCN's reference code) or xavier (Xavier-uniform).", Names.Of(EmbeddingInit.Normal), Names.All<EmbeddingInit>());

    public Option<double> InitStd { get; } = CliOptions.Number("--init-std", "Standard deviation of the normal initialisation (0.1, LightGCN's; 1.0 is PyTorch's nn.Embedding default, the BACO authors' setting).", 0.1, s => s > 0, "must be a positive number");

    public Option<bool> InitLinked { get; } = new("--init-linked")
    {
        Description = "Experimental: start each co-cluster's item row as a copy of its user row (docs/METHOD.md, \"Linked initialisation\"); baco and the graph baselines only.",
    };

    public Option<string?> Checkpoint { get; } = CliOptions.Path("--checkpoint", "Checkpoint file: written every validation, and resumed from if it exists.");

    public void AddTo(Command command, bool withDim = true)
    {
        var all = new List<Option> { Model, Layers, Epochs, Batch, LearningRate, WeightDecay, Reg, EvalEvery, Patience, ValFraction, Init, InitStd, InitLinked, Checkpoint };
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
        var init = Names.Parse<EmbeddingInit>(parsed.GetValue(Init)!, nameof(TrainingOptions.Init), "an initialisation");
        if (init != EmbeddingInit.Normal && parsed.Given(InitStd))
        {
            throw new CliError("'--init-std' sets the normal initialisation's spread, but '--init xavier' is uniform with its own bound: drop one of them.");
        }

        var options = new TrainingOptions
        {
            Model = ModelOf(parsed),
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
            Init = init,
            InitStd = parsed.GetValue(InitStd),
            LinkedInit = parsed.GetValue(InitLinked),
            CheckpointPath = parsed.GetValue(Checkpoint) is { } cp ? Path.GetFullPath(cp) : null,
        };
        options.Validate();
        RefuseLayersForMf(parsed);
        if (options.EvalEvery == 0 && parsed.Given(Patience))
        {
            throw new CliError("'--patience' stops training on validation, which '--eval-every 0' switches off: drop one of them.");
        }

        if (options.EvalEvery == 0 && parsed.Given(ValFraction) && options.ValidationFraction > 0)
        {
            throw new CliError("'--val-fraction' holds out interactions for validation, which '--eval-every 0' switches off: drop one of them.");
        }

        if (parsed.Given(EvalEvery) && options.EvalEvery > options.Epochs && options.Epochs > 0)
        {
            throw new CliError(FormattableString.Invariant($"'--eval-every {options.EvalEvery}' is above '--epochs {options.Epochs}': no validation would run; lower it, or give 0 for none."));
        }

        return options;
    }

    /// <summary>--init-linked links the user and item rows of co-clusters: refused before any work for a method that has none.</summary>
    public void RefuseLinkedInitWithout(ParseResult parsed, IEnumerable<string> methods)
    {
        if (!parsed.GetValue(InitLinked))
        {
            return;
        }

        var linkable = LinkedInitialisation.CoClusterMethods.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (methods.FirstOrDefault(m => !linkable.Contains(m.Trim())) is { } other)
        {
            throw new CliError($"'--init-linked' links each co-cluster's user and item rows, but method '{other}' has no co-clusters; {LinkedInitialisation.NeedsCoClusters}.");
        }
    }

    /// <summary>
    /// The note for a run shorter than the default validation interval: no validation runs, yet
    /// a hold-out is still taken from training (or a --val file read), which would go unnoticed.
    /// An explicit interval above --epochs is refused in <see cref="Bind"/>.
    /// </summary>
    public string? IdleValidationNote(ParseResult parsed, TrainingOptions options, DataOptions data)
    {
        bool validation = parsed.GetValue(data.Validation) is not null || options.ValidationFraction > 0;
        if (options.Epochs <= 0 || options.EvalEvery <= options.Epochs || !validation)
        {
            return null;
        }

        string held = parsed.GetValue(data.Validation) is not null
            ? "the --val file is not used"
            : FormattableString.Invariant($"the {options.ValidationFraction:P0} hold-out is still taken from training");
        return FormattableString.Invariant($"no validation runs: --epochs {options.Epochs} is below --eval-every {options.EvalEvery} (the default), so {held}; give --eval-every {options.Epochs} to validate at the end{(parsed.GetValue(data.Validation) is null ? ", or --val-fraction 0 to train on every interaction" : "")}.");
    }

    /// <summary>
    /// --val-fraction only applies without --val: both given is a contradiction, not a choice to make
    /// silently; and without --val, '--val-fraction 0' leaves nothing to validate on, so an explicit
    /// --eval-every or --patience would do nothing.
    /// </summary>
    public void RefuseValidationConflicts(ParseResult parsed, DataOptions data)
    {
        if (parsed.GetValue(data.Validation) is not null && parsed.Given(ValFraction))
        {
            throw new CliError("'--val-fraction' holds out validation interactions when there is no --val file; give one or the other.");
        }

        if (parsed.GetValue(data.Validation) is null && parsed.GetValue(ValFraction) == 0
            && new Option[] { EvalEvery, Patience }.FirstOrDefault(o => parsed.Given(o)) is { } idle && !(idle == EvalEvery && parsed.GetValue(EvalEvery) == 0))
        {
            throw new CliError($"'{idle.Name}' acts on validation, but '--val-fraction 0' without '--val' leaves none: drop one of them.");
        }
    }

    /// <summary>MF has no propagation layers: --layers with --model mf would be ignored, so it is refused.</summary>
    private void RefuseLayersForMf(ParseResult parsed)
    {
        if (ModelOf(parsed) == ModelKind.MatrixFactorization && parsed.Given(Layers))
        {
            throw new CliError("'--layers' sets LightGCN's propagation, but '--model mf' has none: drop one of them.");
        }
    }

    private ModelKind ModelOf(ParseResult parsed) => Names.Parse<ModelKind>(parsed.GetValue(Model)!, nameof(TrainingOptions.Model), "a model");
}
