using Baco.Models;
using Baco.Training;

namespace Baco.Workflows;

/// <summary>
/// What <see cref="ComparisonWorkflow.Run"/> returns: one outcome per method, the data and settings, and the report's title
/// (report.md and results.json, settings included, are <c>Baco.Reports.ComparisonReport</c>'s).
/// </summary>
/// <param name="Methods">The methods' outcomes, in the order they ran.</param>
/// <param name="Data">The data compared on.</param>
/// <param name="Options">The comparison's settings.</param>
public sealed record ComparisonResult(IReadOnlyList<MethodOutcome> Methods, TrainingData Data, ComparisonOptions Options)
{
    /// <summary>The embedding dimension every method was trained and counted with.</summary>
    public int Dim => Options.Training.Dim;

    /// <summary>The report's title: "LightGCN on train.tsv, budget 25 %, dim 64".</summary>
    public string Title => $"{ModelNames.Display(Options.Training.Model)} on {(string.IsNullOrEmpty(Data.Source) ? "data without a source name" : Path.GetFileName(Data.Source))}, {Options.Target}, dim {Dim}";

    /// <summary>Whether every method ran.</summary>
    public bool AllSucceeded => Methods.All(o => o.Error is null);

    /// <summary>Whether some method failed and every one that did failed because of the input (<see cref="MethodOutcome.FailedOnInput"/>), not a defect.</summary>
    public bool FailedOnlyOnInput => !AllSucceeded && Methods.Where(o => o.Error is not null).All(o => o.FailedOnInput);
}
