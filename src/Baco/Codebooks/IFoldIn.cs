namespace Baco.Codebooks;

/// <summary>
/// What a method keeps with its assignment for placing new users and items later (docs/METHOD.md,
/// "Assigning new users and items"), such as BACO's gamma, weights and co-cluster volumes
/// (<c>Baco.Clustering.Balanced.BacoFoldIn</c>). Codebooks only carry it, and keep the figures it holds
/// per codebook row with their rows when the rows are renumbered.
/// </summary>
public interface IFoldIn
{
    /// <summary>
    /// The same figures with user row r renamed <paramref name="userNumber"/>[r] and item row r
    /// <paramref name="itemNumber"/>[r] (permutations).
    /// </summary>
    IFoldIn WithRowsRenumbered(int[] userNumber, int[] itemNumber);
}
