using System.Text.Json.Serialization;

namespace Baco.Models;

/// <summary>Recommender backbone.</summary>
public enum ModelKind
{
    /// <summary>LightGCN: embeddings propagated over the normalised interaction graph, layers averaged.</summary>
    [JsonStringEnumMemberName("lightgcn")]
    LightGcn,

    /// <summary>Matrix factorisation: the score is the dot product of the looked-up embeddings.</summary>
    [JsonStringEnumMemberName("mf")]
    MatrixFactorization,
}
