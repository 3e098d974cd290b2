using System.Text.Json.Serialization;

namespace Baco.Models;

/// <summary>
/// Initial distribution of codebook rows. The default follows the LightGCN reference code
/// (normal, std 0.1), which the paper's backbone uses; Xavier is offered for MF experiments.
/// </summary>
public enum EmbeddingInit
{
    /// <summary>N(0, std^2) per entry; std 0.1 by default (LightGCN's nn.init.normal_(std=0.1)), see TrainingOptions.InitStd.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    /// <summary>Xavier/Glorot uniform, bound sqrt(6 / (rows + dim)) as PyTorch's xavier_uniform_ on a rows x dim weight.</summary>
    [JsonStringEnumMemberName("xavier")]
    XavierUniform,
}
