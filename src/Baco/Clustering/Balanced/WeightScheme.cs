using System.Text.Json.Serialization;

namespace Baco.Clustering.Balanced;

/// <summary>
/// Node weighting of one side in BACO's balance penalty (docs/METHOD.md, "Weighting schemes").
/// Raw value v per node, normalised per side: w = v / sqrt(sum of v over the side).
/// </summary>
public enum WeightScheme
{
    /// <summary>v = 1 (constant Potts model).</summary>
    [JsonStringEnumMemberName("cpm")]
    Cpm,

    /// <summary>v = deg (bipartite modularity).</summary>
    [JsonStringEnumMemberName("degree")]
    Degree,

    /// <summary>v = sqrt(deg).</summary>
    [JsonStringEnumMemberName("sqrt")]
    Sqrt,

    /// <summary>v = ln(1 + deg).</summary>
    [JsonStringEnumMemberName("log")]
    Log,

    /// <summary>
    /// The authors' public code for items: numerator deg(x), denominator sqrt(number of nodes on the side),
    /// i.e. "cpm" as their code computes it. The published accuracy figures come from this variant.
    /// </summary>
    [JsonStringEnumMemberName("authors-cpm")]
    AuthorsCpm,
}
