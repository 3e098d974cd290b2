using System.Diagnostics;
using System.Globalization;
using System.Text;
using Baco.Data;

namespace Baco.Tests.Data;

/// <summary>
/// MovieLens-20M-sized read, opt-in (BACO_PERF=1) because it writes a 290 MB file:
/// BACO_PERF=1 dotnet test tests/Baco.Tests -c Release --filter FullyQualifiedName~ReaderPerformance
/// </summary>
public sealed class ReaderPerformanceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TwentyMillionLines_ReadInSecondsWithFewBytesPerEdge()
    {
        if (Environment.GetEnvironmentVariable("BACO_PERF") != "1")
        {
            Assert.Skip("set BACO_PERF=1 to run the 20M-line reader benchmark");
        }

        var clock = Stopwatch.StartNew();
        var data = SyntheticInteractions.Generate(SyntheticOptions.MovieLens20M).Dataset;
        double generate = clock.Elapsed.TotalSeconds;
        string path = _dir["ml20m.tsv"];
        long lines = 0;
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            foreach (var list in new[] { data.Train, data.Validation!, data.Test! })
            {
                for (int k = 0; k < list.Count; k++, lines++)
                {
                    writer.Write(list.Users[k].ToString(CultureInfo.InvariantCulture));
                    writer.Write('\t');
                    writer.Write(list.Items[k].ToString(CultureInfo.InvariantCulture));
                    writer.Write("\t4\n");
                }
            }
        }

        data = null;
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        var read = InteractionReader.Read(path);
        double seconds = clock.Elapsed.TotalSeconds;
        double bytesPerEdge = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)lines;
        output.WriteLine($"generate {generate:F2} s; read {lines:N0} lines ({new FileInfo(path).Length >> 20} MB) in {seconds:F2} s, {bytesPerEdge:F1} bytes allocated per edge (output included)");

        Assert.Equal(lines, read.Train.Count);
        Assert.Equal(200_808, read.UserCount);
        Assert.True(read.Users.IsIdentity);
        Assert.InRange(bytesPerEdge, 0, 18);
        Assert.InRange(seconds, 0, 10);
    }
}
