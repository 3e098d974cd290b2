namespace Baco.Clustering.Balanced;

/// <summary>Statistics of one label-propagation pass.</summary>
/// <param name="Pass">1-based pass number.</param>
/// <param name="Moves">Nodes that changed label.</param>
/// <param name="UserRows">Distinct labels held by users after the pass.</param>
/// <param name="ItemRows">Distinct labels held by items after the pass.</param>
/// <param name="Objective">Q after the pass (NaN unless progress was being reported: it costs a sweep over the edges).</param>
public readonly record struct PassStats(int Pass, int Moves, int UserRows, int ItemRows, double Objective);

/// <summary>
/// The co-clustering found by BACO's solver, before codebook rows are numbered.
/// Labels live in one space for users and items: node ids 0..U-1 are users, U..U+I-1 items,
/// and a label is the id of the node that started the cluster.
/// </summary>
/// <param name="UserLabels">Label of each user.</param>
/// <param name="ItemLabels">Label of each item.</param>
/// <param name="Gamma">Resolution used.</param>
/// <param name="Objective">Q = sum_k [B(U_k, I_k) - gamma W_U(U_k) W_I(I_k)].</param>
/// <param name="Passes">Per-pass statistics (fewer than T if the row budget stopped the passes).</param>
/// <param name="StoppedEarly">Whether the row budget stopped the passes.</param>
public sealed record CoClustering(int[] UserLabels, int[] ItemLabels, double Gamma, double Objective, IReadOnlyList<PassStats> Passes, bool StoppedEarly);
