using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baco.Codebooks;
using Baco.Models;
using Baco.Workflows;

namespace Baco.Reports;

/// <summary>
/// The comparison table as Markdown (report.md) and JSON (results.json), with a column per
/// evaluated cut-off (<see cref="Training.TrainingOptions.Ks"/>). Differences are in Recall@K at
/// the headline K (the early-stopping K, 20 by default) and relative: to the full model, and to
/// the best baseline (the best method that is neither "full" nor "baco").
/// </summary>
public static class ComparisonReport
{
    /// <summary>The headline cut-off when none is given: the default early-stopping K.</summary>
    public const int DefaultHeadlineK = 20;

    // The head of the note on a cancelled comparison, bold in report.md.
    private const string InterruptedHead = "The comparison was interrupted";

    /// <summary>The content of report.md: <see cref="Markdown(IReadOnlyList{MethodOutcome}, int, string, int)"/> of the comparison's methods under its title.</summary>
    public static string Markdown(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Markdown(result.Methods, result.Dim, result.Title, result.Options.Training.EarlyStopK);
    }

    /// <summary>The content of results.json: <see cref="Json(IReadOnlyList{MethodOutcome}, int, JsonObject, int)"/> of the comparison's methods with its settings.</summary>
    public static JsonObject Json(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Json(result.Methods, result.Dim, Settings(result), result.Options.Training.EarlyStopK);
    }

    /// <summary>results.json's "settings": the data and the training settings shared by every method.</summary>
    public static JsonObject Settings(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var given = result.Data.Original;
        var t = result.Options.Training;
        var settings = new JsonObject
        {
            ["source"] = result.Data.Source,
            ["users"] = given.UserCount,
            ["items"] = given.ItemCount,
            ["train_interactions"] = given.Train.Count,
            ["target"] = result.Options.Target.ToString(),
            ["model"] = Names.Of(t.Model),
            ["dim"] = t.Dim,
            ["layers"] = t.ModelLayers,
            ["init"] = Names.Of(t.Init),
            ["init_std"] = t.Init == EmbeddingInit.Normal ? t.InitStd : null,
            ["learning_rate"] = t.LearningRate,
            ["epochs"] = t.Epochs,
            ["seed"] = t.Seed,
        };

        // Only when set (experimental), so other comparisons' results.json stay as they were.
        if (t.LinkedInit)
        {
            settings["init_linked"] = true;
        }

        return settings;
    }

    /// <summary>Markdown table, one row per method, failures included; differences in Recall@<paramref name="headlineK"/>.</summary>
    public static string Markdown(IReadOnlyList<MethodOutcome> outcomes, int dim, string title, int headlineK = DefaultHeadlineK)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int[] ks = EvaluatedKs(outcomes);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# {title}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Metrics in %, Recall@K = hits / min(K, |relevant|). Differences are relative, in Recall@{headlineK}.");
        sb.AppendLine();
        string metricHeads = string.Join(" | ", ks.Select(k => $"R@{k}").Concat(ks.Select(k => $"N@{k}")));
        sb.AppendLine(CultureInfo.InvariantCulture, $"| method | user rows | item rows | params | ratio | clustering s | training s | best epoch / run | {metricHeads} | vs full | vs best baseline |");
        sb.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", 10 + (2 * ks.Length))));
        double? full = Recall(outcomes.FirstOrDefault(o => o.Method == "full"), headlineK);
        double? bestBaseline = BestBaseline(outcomes, headlineK)?.Value;
        foreach (var o in outcomes)
        {
            var a = o.Compression?.Assignment;
            string rows = a is null ? "- | - | - | -" : $"{a.Users.RowCount:N0} | {a.Items.RowCount:N0} | {a.Parameters(dim):N0} | {a.ParameterRatio(dim):P1}";

            string clustering = o.Compression is null ? "-" : o.Compression.Seconds.ToString("F3", CultureInfo.InvariantCulture);
            string training = o.Training is null ? "-" : o.Training.Seconds.ToString("F1", CultureInfo.InvariantCulture);

            // How far each method trained: a best epoch near the cap says it had not converged.
            string epochs = o.Training is null ? "-" : FormattableString.Invariant($"{o.Training.BestEpoch} / {o.Training.EpochsRun}");
            if (!o.Succeeded)
            {
                string empty = string.Concat(Enumerable.Repeat(" |", (2 * ks.Length) + 1));
                string why = o.Interrupted ? Escape(o.Error ?? "interrupted") : $"failed: {Escape(o.Error ?? "no test metrics")}";
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {o.Method} | {rows} | {clustering} | {training} | {epochs} | {why} |{empty}");
                continue;
            }

            var t = o.Training!.Test!;
            var cells = new List<string>();
            cells.AddRange(ks.Select(k => Pct(t.RecallAt(k))));
            cells.AddRange(ks.Select(k => Pct(t.NdcgAt(k))));
            double headline = t.RecallAt(headlineK);
            string vsFull = full is double f && f > 0 ? Relative(headline, f) : "-";
            string vsBest = bestBaseline is double b && b > 0 && o.Method != "full" ? Relative(headline, b) : "-";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {o.Method} | {rows} | {clustering} | {training} | {epochs} | {string.Join(" | ", cells)} | {vsFull} | {vsBest} |");
        }

        if (InterruptedDetail(outcomes) is { } interrupted)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"**{InterruptedHead}**: {interrupted}");
        }

        if (BestBaseline(outcomes, headlineK) is { } best)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Best baseline by test Recall@{headlineK}: {best.Method} ({Pct(best.Value)} %).");
        }

        if (MethodRecommendation.Choose(outcomes, headlineK) is { } recommended)
        {
            sb.AppendLine();
            sb.AppendLine(recommended.Describe());
        }

        return sb.ToString();
    }

    /// <summary>
    /// For a comparison that was cancelled (<see cref="MethodOutcome.Interrupted"/> rows), the
    /// sentence that says so and that only the finished methods are compared; null otherwise.
    /// </summary>
    public static string? InterruptedNote(IReadOnlyList<MethodOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return InterruptedDetail(outcomes) is { } detail ? $"{InterruptedHead}: {detail}" : null;
    }

    private static string? InterruptedDetail(IReadOnlyList<MethodOutcome> outcomes) => outcomes.Any(o => o.Interrupted)
        ? $"{outcomes.Count(o => !o.Interrupted)} of {outcomes.Count} methods finished, and only those are compared (the recommendation included). Run the same command again for the whole comparison (bench given --checkpoint resumes each method where it stopped)."
        : null;

    /// <summary>Machine-readable results: one object per method, and the recommended method (<see cref="MethodRecommendation"/> at Recall@<paramref name="headlineK"/>).</summary>
    public static JsonObject Json(IReadOnlyList<MethodOutcome> outcomes, int dim, JsonObject settings, int headlineK = DefaultHeadlineK)
    {
        var rows = new JsonArray();
        foreach (var o in outcomes)
        {
            var row = new JsonObject { ["method"] = o.Method, ["ok"] = o.Succeeded, ["error"] = o.Error };
            if (o.Interrupted)
            {
                row["interrupted"] = true;
            }

            if (o.Compression is { } c)
            {
                var a = c.Assignment;
                row["user_rows"] = a.Users.RowCount;
                row["item_rows"] = a.Items.RowCount;
                AssignmentSizeJson.Write(row, a, dim);
                row["knob"] = double.IsFinite(c.Knob) ? c.Knob : null;
                row["clustering_seconds"] = Math.Round(c.Seconds, 6);
            }

            if (o.Training is { } tr)
            {
                row["training_seconds"] = Math.Round(tr.Seconds, 3);
                row["best_epoch"] = tr.BestEpoch;
                row["epochs_run"] = tr.EpochsRun;
                if (tr.Test is { } t)
                {
                    TrainingReport.AddRankingMetrics(row, t);
                }
            }

            rows.Add(row);
        }

        var json = new JsonObject { ["settings"] = settings, ["methods"] = rows, ["recommended"] = RecommendationJson(MethodRecommendation.Choose(outcomes, headlineK)) };
        if (InterruptedDetail(outcomes) is not null)
        {
            // A script reading "recommended" must be able to tell that not every method was compared.
            json["interrupted"] = true;
        }

        return json;
    }

    /// <summary>The cut-offs the methods were evaluated at (the first successful method's; every method shares the training options).</summary>
    public static int[] EvaluatedKs(IReadOnlyList<MethodOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return outcomes.FirstOrDefault(o => o.Succeeded)?.Training!.Test!.Ks ?? [.. Evaluation.Evaluator.DefaultKs];
    }

    /// <summary>The best method by Recall@<paramref name="k"/> that is neither the full model nor BACO.</summary>
    public static (string Method, double Value)? BestBaseline(IReadOnlyList<MethodOutcome> outcomes, int k = DefaultHeadlineK)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        (string, double)? best = null;
        foreach (var o in outcomes)
        {
            if (o.Method is "full" or "baco" || Recall(o, k) is not double r)
            {
                continue;
            }

            if (best is null || r > best.Value.Item2)
            {
                best = (o.Method, r);
            }
        }

        return best;
    }

    private static JsonObject? RecommendationJson(MethodRecommendation? r) => r is null ? null : new JsonObject
    {
        ["method"] = r.Method,
        ["chosen_by"] = FormattableString.Invariant($"{(r.ChosenOnTest ? "test" : "validation")} recall@{r.K}"),
        ["score"] = r.Score,
        [FormattableString.Invariant($"test_recall@{r.K}")] = r.Test.RecallAt(r.K),
        [FormattableString.Invariant($"test_ndcg@{r.K}")] = r.Test.NdcgAt(r.K),
        ["vs_full"] = r.VersusFull,
        ["baco_vs_recommended"] = r.BacoVersusIt,
    };

    /// <summary>A method's test Recall@<paramref name="k"/>, or null when it did not succeed.</summary>
    internal static double? Recall(MethodOutcome? o, int k) => o is { Succeeded: true } ? o.Training!.Test!.RecallAt(k) : null;

    private static string Pct(double v) => (v * 100).ToString("F3", CultureInfo.InvariantCulture);

    private static string Relative(double value, double reference) => ((value / reference) - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
