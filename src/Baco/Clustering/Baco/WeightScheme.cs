namespace Baco.Clustering.Baco;

/// <summary>
/// Node weighting of one side in BACO's balance penalty (docs/METHOD.md, "Weighting schemes").
/// Raw value v per node, normalised per side: w = v / sqrt(sum of v over the side).
/// </summary>
public enum WeightScheme
{
    /// <summary>v = 1 (constant Potts model).</summary>
    Cpm,

    /// <summary>v = deg (bipartite modularity).</summary>
    Degree,

    /// <summary>v = sqrt(deg).</summary>
    Sqrt,

    /// <summary>v = ln(1 + deg).</summary>
    Log,

    /// <summary>
    /// The authors' public code for items: numerator deg(x), denominator sqrt(number of nodes on the side),
    /// i.e. "cpm" as their code computes it. The published accuracy figures come from this variant.
    /// </summary>
    AuthorsCpm,
}
