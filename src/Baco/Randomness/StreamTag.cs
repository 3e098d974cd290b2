namespace Baco.Randomness;

/// <summary>
/// The named random streams of one seeded run. Each purpose draws from its own stream, derived
/// from the run's seed and its tag, so adding draws to one purpose never shifts another's. The
/// values are part of the seeded outputs: changing one changes results.
/// </summary>
internal enum StreamTag : ulong
{
    // Streams of Xoshiro256.ForStream (a training run's seed).

    /// <summary>Initial codebook values.</summary>
    ModelInitialisation = 1,

    /// <summary>Each epoch's order of training examples and the negatives drawn for them.</summary>
    TrainingOrder = 2,

    /// <summary>The per-user validation hold-out.</summary>
    ValidationHoldOut = 3,

    // Seeds from SplitMix64.Derive (a compression method's context seed).

    /// <summary>Users' side of a per-side hash or signature (items use <see cref="ItemSide"/>); double hashing adds 16 * side + function number.</summary>
    UserSide = 1,

    /// <summary>Items' side of a per-side hash or signature.</summary>
    ItemSide = 2,

    /// <summary>Louvain's node visiting orders.</summary>
    Louvain = 0x10,

    /// <summary>Label propagation's node visiting orders.</summary>
    LabelPropagation = 0x1b,

    /// <summary>Leiden's node visiting orders.</summary>
    Leiden = 0x1e1d,

    /// <summary>Spectral co-clustering's random projection (randomized SVD).</summary>
    SpectralProjection = 0x5cc,

    /// <summary>Spectral co-clustering's k-means seeding.</summary>
    SpectralKMeans = 0x6b6d,

    /// <summary>DoubleGraphHash's hash of users (items: <see cref="DoubleGraphHashItems"/>).</summary>
    DoubleGraphHashUsers = 0xd61,

    /// <summary>DoubleGraphHash's hash of items.</summary>
    DoubleGraphHashItems = 0xd62,

    /// <summary>LSH's Gaussian hyperplanes; the side's tag is added.</summary>
    LshHyperplanes = 0x15400,
}
