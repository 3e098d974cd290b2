namespace Baco.Tests.TestSupport;

/// <summary>The repository the tests were built from, for tests that read or write its files.</summary>
internal static class Repository
{
    /// <summary>The folder holding Baco.slnx, above the test's output folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Baco.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Baco.slnx above {AppContext.BaseDirectory}: the test reads the repository's files");
    }
}
