using System.Text.Json.Serialization;

namespace Baco.Codebooks;

/// <summary>How an entity's embedding is formed from the codebook rows it points to.</summary>
public enum CodeCombiner
{
    /// <summary>Mean of the rows (EmbeddingBag mode 'mean'); BACO and the graph methods.</summary>
    [JsonStringEnumMemberName("mean")]
    Mean,

    /// <summary>Sum of the rows (EmbeddingBag mode 'sum'); double hashing.</summary>
    [JsonStringEnumMemberName("sum")]
    Sum,
}
