using Baco.Data;

namespace Baco.Cli.Commands;

/// <summary>The data every command uses when no file is given: seeded, so runs are comparable.</summary>
internal static class BuiltInData
{
    /// <summary>6,000 users, 4,000 items, about 120,000 interactions in 40 planted co-clusters, with validation and test splits.</summary>
    public static Dataset Create() => SyntheticInteractions.Generate(new SyntheticOptions()).Dataset;
}
