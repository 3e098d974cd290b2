namespace Baco.Tests;

/// <summary>Locates the shared benchmark data that CI has but a fresh clone does not.</summary>
public static class TestData
{
    private static readonly Lazy<string?> Shared = new(Find);

    /// <summary>
    /// The "shared/datasets" folder found by walking up from the test binaries (it sits beside
    /// the repository), or null when absent; tests using it call Assert.Skip then.
    /// </summary>
    public static string? SharedDatasets => Shared.Value;

    /// <summary>A dataset folder under <see cref="SharedDatasets"/>, or skips the test.</summary>
    public static string RequireDataset(string name)
    {
        string? root = SharedDatasets;
        string? dir = root is null ? null : Path.Combine(root, name);
        if (dir is null || !Directory.Exists(dir))
        {
            Assert.Skip($"shared dataset '{name}' not found (expected ../shared/datasets/{name} beside the repository)");
        }

        return dir;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
