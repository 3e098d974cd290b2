using System.Text.Json.Serialization;

namespace Baco.Training;

/// <summary>How an epoch picks its (user, positive item) pairs.</summary>
public enum PositiveSampling
{
    /// <summary>Every training interaction once, in a fresh seeded permutation (default).</summary>
    [JsonStringEnumMemberName("shuffled")]
    ShuffledInteractions,

    /// <summary>
    /// As LightGCN's reference sampler: as many draws as interactions, each a uniform user with
    /// training items and then a uniform item of that user (light users weigh more).
    /// </summary>
    [JsonStringEnumMemberName("uniform-users")]
    UniformUsers,
}
