using System.Text;
using Baco.Data;
using Baco.IO;

namespace Baco.Tests.Data;

public sealed class LineSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read);

    [Fact]
    public void LinesBeforeABadByte_AreReturned_ThenItsLineFails()
    {
        string f = _dir.File("l.txt", "a\nb\nc\u0001\nd\n");
        using var source = new LineSource(Open(f), f, bufferSize: 8);
        var lines = new List<string>();
        var e = Assert.Throws<DataFormatException>(() =>
        {
            while (source.TryReadLine(out var line))
            {
                lines.Add(Encoding.UTF8.GetString(line));
            }
        });
        Assert.Equal(["a", "b"], lines);
        Assert.Equal(3, e.Line);
        Assert.Contains("U+0001", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallBuffers_ReturnEveryLine()
    {
        // Lines longer than the buffer, CRLF split across refills, no final line feed.
        string text = "one\r\ntwo two two two\n\nthree\r\nfour";
        string f = _dir.File("s.txt", text);
        foreach (int size in new[] { 1, 2, 3, 5, 8, 64 })
        {
            using var source = new LineSource(Open(f), f, bufferSize: size);
            var lines = new List<string>();
            while (source.TryReadLine(out var line))
            {
                lines.Add(Encoding.UTF8.GetString(line));
            }

            Assert.Equal(["one\r", "two two two two", "", "three\r", "four"], lines);
            Assert.Equal(5, source.LineNumber);
        }
    }

    [Fact]
    public void LineLongerThanTheLimit_IsAnError()
    {
        string f = _dir.File("long.txt", "ok\n" + new string('x', 5000) + "\n");
        using var source = new LineSource(Open(f), f, bufferSize: 16, maxLineBytes: 1 << 11);
        Assert.True(source.TryReadLine(out _));
        var e = Assert.Throws<DataFormatException>(() => source.TryReadLine(out _));
        Assert.Equal(2, e.Line);
        Assert.Contains("line longer than", e.Reason, StringComparison.Ordinal);
    }
}
