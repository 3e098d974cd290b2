using System.Diagnostics;
using Baco.Data;

namespace Baco.Tests.Data;

/// <summary>Inputs the reader fuzz test found, each kept as its own case.</summary>
public sealed class ReaderFuzzRegressionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LongRunOfTabSeparators_IsReadInLinearTime()
    {
        // Fuzz case 42262: "5" and a million tabs. Each empty field skipped the whole remaining
        // run as leading blanks before finding its separator, so the line never finished.
        string line = "5\t7" + new string('\t', 500_000) + "9";
        var sw = Stopwatch.StartNew();
        ReaderAssert.Fails(_dir.File("tabs.tsv", line + "\n1\t2\n"), 2, "missing column: the line has 2 fields, the first data line (line 1) has 500002");
        var d = InteractionReader.Read(_dir.File("adj.tsv", line + "\n1\t2\n"), options: new ReadOptions { Format = InteractionFormat.Adjacency });
        Assert.Equal(3, d.Train.Count);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"took {sw.Elapsed}");
    }
}
