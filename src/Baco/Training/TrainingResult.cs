using Baco.Evaluation;
using Baco.Models;

namespace Baco.Training;

/// <summary>Outcome of <see cref="Trainer.Train(Data.Dataset, Codebooks.CodebookAssignment, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>.</summary>
/// <param name="Model">The model with the best validation parameters (the last ones without validation).</param>
/// <param name="BestEpoch">Epoch of the best validation score (last epoch without validation).</param>
/// <param name="EpochsRun">Epochs completed, including those before a resume.</param>
/// <param name="StoppedEarly">True when patience ran out before the maximum epoch count.</param>
/// <param name="Validation">Validation metrics of the returned model, if validated.</param>
/// <param name="Test">Test metrics of the returned model, if the dataset has a test split.</param>
/// <param name="Seconds">Wall time of the run: this call plus, after a resume, the calls the checkpoint continues.</param>
/// <param name="History">Per-epoch loss and validation score.</param>
public sealed record TrainingResult(IRecommenderModel Model, int BestEpoch, int EpochsRun, bool StoppedEarly, RankingMetrics? Validation, RankingMetrics? Test, double Seconds, IReadOnlyList<EpochSummary> History);
