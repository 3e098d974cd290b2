using Baco.Clustering;
using Baco.Codebooks;

namespace Baco.Training;

/// <summary>
/// Starts each co-cluster's item row as a copy of its user row (<see cref="TrainingOptions.LinkedInit"/>;
/// docs/METHOD.md, "Linked initialisation"), so that before any step a user already scores the items
/// of its own co-cluster above the others: with N(0, s^2) rows of dimension d the linked pair's dot
/// product starts near d s^2 where an unrelated pair's is about 0 with spread sqrt(d) s^2.
/// </summary>
public static class LinkedInitialisation
{
    /// <summary>Why <paramref name="assignment"/> cannot be linked, or null when it can.</summary>
    public static string? Unusable(CodebookAssignment assignment)
        => assignment.ItemRowOfUserRow is null
            ? $"method '{assignment.Method}' has no co-clusters (users and items sharing a label), so there are no user and item rows to link; {NeedsCoClusters}"
            : null;

    /// <summary>The methods whose rows are co-clusters, in words, for the refusals.</summary>
    public static string NeedsCoClusters => $"use one of {string.Join(", ", CoClusterMethods)}";

    /// <summary>The methods whose assignments link user rows to item rows: BACO and the graph baselines.</summary>
    public static IEnumerable<string> CoClusterMethods
        => CompressionMethods.All.Where(m => m.Family is MethodFamily.Baco or MethodFamily.Graph).Select(m => m.Name);

    /// <summary>Copies every linked user row over its item row; item rows without a user row keep their draw.</summary>
    internal static void Apply(float[] userCodebook, float[] itemCodebook, int[] itemRowOfUserRow, int dim)
    {
        for (int r = 0; r < itemRowOfUserRow.Length; r++)
        {
            int l = itemRowOfUserRow[r];
            if (l >= 0)
            {
                Array.Copy(userCodebook, (long)r * dim, itemCodebook, (long)l * dim, dim);
            }
        }
    }
}
