using System.Text.Json.Nodes;
using Baco.Codebooks;
using Baco.Evaluation;
using Baco.Models;
using Baco.Training;
using Baco.Workflows;

namespace Baco.Reports;

/// <summary>
/// JSON forms of training results: metrics.json of `baco train`, and the per-K metric fields
/// that results.json of a comparison shares with it. Field names are stable: scripts read them.
/// </summary>
public static class TrainingReport
{
    /// <summary>The file name of the training metrics in a model directory.</summary>
    public const string MetricsFile = "metrics.json";

    /// <summary>Adds recall@K, recall_uncapped@K and ndcg@K for every evaluated K to <paramref name="target"/>.</summary>
    public static void AddRankingMetrics(JsonObject target, RankingMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (int k in metrics.Ks)
        {
            target[$"recall@{k}"] = metrics.RecallAt(k);
            target[$"recall_uncapped@{k}"] = metrics.RecallUncappedAt(k);
            target[$"ndcg@{k}"] = metrics.NdcgAt(k);
        }
    }

    /// <summary>The content of metrics.json for a trained model: <see cref="MetricsJson(TrainingResult, CodebookAssignment, TrainingOptions, double, string?)"/>, and diverged_in_epoch or interrupted_after_epoch for a kept model.</summary>
    public static JsonObject MetricsJson(TrainOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var prepared = outcome.Prepared;
        var json = MetricsJson(outcome.Training, prepared.Assignment, prepared.Options, prepared.ClusteringSeconds, prepared.Data.Source);
        if (outcome.DivergedInEpoch is int epoch)
        {
            json["diverged_in_epoch"] = epoch;
        }

        if (outcome.InterruptedAfterEpoch is int completed)
        {
            json["interrupted_after_epoch"] = completed;
        }

        return json;
    }

    /// <summary>The content of metrics.json: test and best validation metrics (each null when not measured), parameters, best epoch, times and the per-epoch history.</summary>
    public static JsonObject MetricsJson(TrainingResult trained, CodebookAssignment assignment, TrainingOptions options, double clusteringSeconds, string? source)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(options);
        JsonObject? test = null;
        if (trained.Test is { } t)
        {
            test = [];
            AddRankingMetrics(test, t);
            test["users_evaluated"] = t.UsersEvaluated;
            test["users_without_relevant"] = t.UsersWithoutRelevant;
        }

        JsonObject? validation = null;
        if (trained.Validation is { } v)
        {
            validation = [];
            AddRankingMetrics(validation, v);
        }

        // One entry per epoch: the loss, and the validation Recall@K of early stopping where one was computed.
        var history = new JsonArray();
        foreach (var h in trained.History)
        {
            var entry = new JsonObject { ["epoch"] = h.Epoch, ["loss"] = Math.Round(h.Loss, 6) };
            if (!double.IsNaN(h.ValidationRecall))
            {
                entry["validation_recall"] = h.ValidationRecall;
            }

            history.Add(entry);
        }

        var json = new JsonObject
        {
            ["source"] = source,
            ["method"] = assignment.Method,
            ["model"] = Names.Of(options.Model),
            ["layers"] = options.ModelLayers,
            ["init"] = Names.Of(options.Init),
            ["init_std"] = options.Init == EmbeddingInit.Normal ? options.InitStd : null,
            ["dim"] = options.Dim,
            ["params"] = assignment.Parameters(options.Dim),
            ["full_params"] = assignment.FullParameters(options.Dim),
            ["ratio"] = Math.Round(assignment.ParameterRatio(options.Dim), 6),
            ["best_epoch"] = trained.BestEpoch,
            ["epochs_run"] = trained.EpochsRun,
            ["stopped_early"] = trained.StoppedEarly,
            ["training_seconds"] = Math.Round(trained.Seconds, 3),
            ["clustering_seconds"] = Math.Round(clusteringSeconds, 6),
            ["seed"] = options.Seed,
            ["test"] = test,
            ["validation"] = validation,
            ["history"] = history,
        };

        // Only when set (experimental), so other runs' metrics.json stay as they were.
        if (options.LinkedInit)
        {
            json["init_linked"] = true;
        }

        // Only with a warm start, so other runs' metrics.json stay as they were.
        if (options.WarmStart is { } warm)
        {
            var (users, items) = warm.Rows.Matched;
            json["warm_start"] = new JsonObject
            {
                ["model"] = warm.Source,
                ["user_rows_copied"] = users,
                ["item_rows_copied"] = items,
                ["user_rows"] = assignment.Users.RowCount,
                ["item_rows"] = assignment.Items.RowCount,
                ["model_user_rows"] = warm.Rows.PreviousUserRows,
                ["model_item_rows"] = warm.Rows.PreviousItemRows,
            };
        }

        return json;
    }
}
