using System.Text.Json.Nodes;
using Baco.Models;
using Baco.Training;

namespace Baco.Workflows;

/// <summary>
/// What <see cref="ComparisonWorkflow.Run"/> returns: one outcome per method, and the report's title
/// and settings (report.md and results.json are <c>Baco.Reports.ComparisonReport</c>'s).
/// </summary>
/// <param name="Methods">The methods' outcomes, in the order they ran.</param>
/// <param name="Data">The data compared on.</param>
/// <param name="Options">The comparison's settings.</param>
public sealed record ComparisonResult(IReadOnlyList<MethodOutcome> Methods, TrainingData Data, ComparisonOptions Options)
{
    /// <summary>The embedding dimension every method was trained and counted with.</summary>
    public int Dim => Options.Training.Dim;

    /// <summary>The report's title: "LightGCN on train.tsv, budget 25 %, dim 64".</summary>
    public string Title => $"{ModelNames.Display(Options.Training.Model)} on {Path.GetFileName(Data.Source)}, {Options.Target}, dim {Dim}";

    /// <summary>Whether every method ran.</summary>
    public bool AllSucceeded => Methods.All(o => o.Error is null);

    /// <summary>Whether every method failed because of the input (<see cref="MethodOutcome.FailedOnInput"/>).</summary>
    public bool AllFailedOnInput => Methods.All(o => o.Error is not null && o.FailedOnInput);

    /// <summary>results.json's "settings": the data and the training settings shared by every method.</summary>
    public JsonObject Settings()
    {
        var given = Data.Original;
        var t = Options.Training;
        return new JsonObject
        {
            ["source"] = Data.Source,
            ["users"] = given.UserCount,
            ["items"] = given.ItemCount,
            ["train_interactions"] = given.Train.Count,
            ["target"] = Options.Target.ToString(),
            ["model"] = Names.Of(t.Model),
            ["dim"] = t.Dim,
            ["layers"] = t.Layers,
            ["init"] = Names.Of(t.Init),
            ["init_std"] = t.Init == EmbeddingInit.Normal ? t.InitStd : null,
            ["learning_rate"] = t.LearningRate,
            ["epochs"] = t.Epochs,
            ["seed"] = t.Seed,
        };
    }
}
