using Baco.Codebooks;

namespace Baco.Clustering.Balanced;

/// <summary>
/// What placing a new node by BACO's balanced gain needs from a finished run (docs/METHOD.md,
/// "Assigning new users and items"): the run's gamma and settings, each side's weight scale
/// (w(x) = v(x) * scale, with v the scheme's raw value, or deg(x) under authors-cpm) and the
/// co-cluster volumes W_U and W_I by codebook row (the volume of the label a row stands for;
/// for a cold row the sum over its isolated entities, which is never a candidate).
/// </summary>
/// <param name="Gamma">The run's gamma.</param>
/// <param name="UserWeights">User weighting scheme.</param>
/// <param name="ItemWeights">Item weighting scheme.</param>
/// <param name="MoveRule">The run's move rule.</param>
/// <param name="SecondaryUserClusters">Whether users got secondary rows.</param>
/// <param name="UserWeightScale">1 / sqrt(S_U), or 1 when the side had no interactions.</param>
/// <param name="ItemWeightScale">1 / sqrt(S_I), or 1 when the side had no interactions.</param>
/// <param name="UserRowVolumes">W_U of each user row's label.</param>
/// <param name="ItemRowVolumes">W_I of each item row's label.</param>
/// <param name="SecondaryItemClusters">Whether items got secondary rows (<see cref="BacoOptions.SecondaryItemClusters"/>).</param>
public sealed record BacoFoldIn(
    double Gamma,
    WeightScheme UserWeights,
    WeightScheme ItemWeights,
    MoveRule MoveRule,
    bool SecondaryUserClusters,
    double UserWeightScale,
    double ItemWeightScale,
    double[] UserRowVolumes,
    double[] ItemRowVolumes,
    bool SecondaryItemClusters = false) : IFoldIn
{
    /// <summary>The weight a node of <paramref name="scheme"/> with <paramref name="degree"/> training neighbours gets at <paramref name="scale"/>.</summary>
    public static double Weight(WeightScheme scheme, int degree, double scale)
        => (scheme == WeightScheme.AuthorsCpm ? degree : NodeWeights.Raw(scheme, degree)) * scale;

    /// <summary>The same figures with the row volumes following their rows: user row r becomes <paramref name="userNumber"/>[r], item row r <paramref name="itemNumber"/>[r].</summary>
    public IFoldIn WithRowsRenumbered(int[] userNumber, int[] itemNumber)
        => this with { UserRowVolumes = Permute(UserRowVolumes, userNumber), ItemRowVolumes = Permute(ItemRowVolumes, itemNumber) };

    private static double[] Permute(double[] byRow, int[] number)
    {
        var result = new double[byRow.Length];
        for (int r = 0; r < byRow.Length; r++)
        {
            result[number[r]] = byRow[r];
        }

        return result;
    }
}
