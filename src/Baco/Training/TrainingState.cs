using Baco.Evaluation;
using Baco.Models;

using Baco.Randomness;

namespace Baco.Training;

/// <summary>
/// The bookkeeping of a run besides parameters and optimiser: epochs done, the best validation so
/// far (score, epoch, parameters, metrics), early-stopping progress, history and the training time
/// of earlier calls; and its round trip through <see cref="TrainingCheckpoint"/>.
/// </summary>
internal sealed class TrainingState
{
    public int Epoch { get; set; }

    public int BestEpoch { get; private set; }

    public double BestScore { get; private set; } = double.NegativeInfinity;

    public int LastImprovement { get; private set; }

    public float[][]? Best { get; private set; }

    public RankingMetrics? BestValidation { get; private set; }

    public List<EpochSummary> History { get; private set; } = [];

    /// <summary>Training seconds of the calls before a resume.</summary>
    public double PriorSeconds { get; private set; }

    /// <summary>Records a validation; keeps a copy of the parameters when the score improves.</summary>
    public void Validated(RankingMetrics metrics, double score, IReadOnlyList<float[]> parameters)
    {
        if (score > BestScore)
        {
            BestScore = score;
            BestEpoch = Epoch;
            LastImprovement = Epoch;
            BestValidation = metrics;
            Best = [.. parameters.Select(p => (float[])p.Clone())];
        }
    }

    public TrainingCheckpoint ToCheckpoint(TrainingFingerprint fingerprint, Xoshiro256 rng, AdamOptimizer adam, IRecommenderModel model, double seconds) => new()
    {
        Fingerprint = fingerprint,
        Epoch = Epoch,
        RngState = rng.GetState(),
        AdamStep = adam.Step,
        Parameters = [.. model.Parameters],
        FirstMoments = [.. adam.FirstMoments],
        SecondMoments = [.. adam.SecondMoments],
        BestEpoch = BestEpoch,
        BestScore = BestScore,
        LastImprovementEpoch = LastImprovement,
        BestParameters = Best,
        BestValidation = BestValidation,
        History = History,
        Seconds = seconds,
    };

    /// <summary>Continues from <paramref name="ck"/>: copies its parameters, moments and generator state in and takes its bookkeeping.</summary>
    public void Restore(TrainingCheckpoint ck, Xoshiro256 rng, AdamOptimizer adam, IRecommenderModel model)
    {
        for (int k = 0; k < model.Parameters.Count; k++)
        {
            ck.Parameters[k].CopyTo(model.Parameters[k], 0);
            ck.FirstMoments[k].CopyTo(adam.FirstMoments[k], 0);
            ck.SecondMoments[k].CopyTo(adam.SecondMoments[k], 0);
        }

        adam.Step = ck.AdamStep;
        rng.SetState(ck.RngState);
        Epoch = ck.Epoch;
        BestEpoch = ck.BestEpoch;
        BestScore = ck.BestScore;
        LastImprovement = ck.LastImprovementEpoch;
        Best = ck.BestParameters;
        BestValidation = ck.BestValidation;
        History = ck.History;
        PriorSeconds = ck.Seconds;
    }
}
