using System.Diagnostics;
using System.Text;
using Baco.Data;

namespace Baco.Tests.Data;

public sealed class FieldCursorTests
{
    private static List<string> Fields(string line, byte delimiter)
    {
        var c = new FieldCursor(Encoding.UTF8.GetBytes(line), delimiter);
        var list = new List<string>();
        while (c.Next(out var f))
        {
            list.Add(Encoding.UTF8.GetString(f));
        }

        return list;
    }

    [Theory]
    [InlineData("a,b,c", (byte)',', new[] { "a", "b", "c" })]
    [InlineData("\"a,b\",c", (byte)',', new[] { "a,b", "c" })]
    [InlineData(" \"a,b\" , c ", (byte)',', new[] { "a,b", "c" })]
    [InlineData("\"a,b,c", (byte)',', new[] { "\"a", "b", "c" })] // never closed: read as unquoted
    [InlineData("\"a\"b,c", (byte)',', new[] { "\"a\"b", "c" })]
    [InlineData("a,,\"\"", (byte)',', new[] { "a", "", "" })]
    [InlineData("\"x\ty\"\tz", (byte)'\t', new[] { "x\ty", "z" })]
    [InlineData("\"a b\"  c", 0, new[] { "a b", "c" })]
    [InlineData("\"a\"b c", 0, new[] { "\"a\"b", "c" })]
    [InlineData("a\t\t \"b\"\t", (byte)'\t', new[] { "a", "", "b", "" })]
    [InlineData(" , ,x", (byte)',', new[] { "", "", "x" })]
    public void Fields_HandComputed(string line, byte delimiter, string[] expected)
    {
        Assert.Equal(expected, Fields(line, delimiter));
        Assert.Equal(expected.Length, FieldCursor.Count(Encoding.UTF8.GetBytes(line), delimiter));
    }

    [Theory]
    [InlineData("\"a\",b", (byte)',', "10")]
    [InlineData("a,\"b,c\"", (byte)',', "01")]
    [InlineData("\"a,b", (byte)',', "00")] // never closed: not quoted
    [InlineData("\"\"\"x\"\" y\",z", (byte)',', "10")]
    [InlineData("\"a b\" c \"d", 0, "100")]
    [InlineData("\"a\"\t\"b\tc\"", (byte)'\t', "11")]
    public void WasQuoted_SaysWhichFieldsHadQuotesRemoved(string line, byte delimiter, string expected)
    {
        var c = new FieldCursor(Encoding.UTF8.GetBytes(line), delimiter);
        var said = new StringBuilder();
        while (c.Next(out _))
        {
            said.Append(c.WasQuoted ? '1' : '0');
        }

        Assert.Equal(expected, said.ToString());
    }

    [Fact]
    public void ManyUnclosedQuotes_AreLinear()
    {
        // 3 MB of '"x,' fields: each searches for a closing quote; a quadratic search takes hours.
        string line = string.Concat(Enumerable.Repeat("\"x,", 1 << 20));
        var sw = Stopwatch.StartNew();
        Assert.Equal((1 << 20) + 1, FieldCursor.Count(Encoding.UTF8.GetBytes(line), (byte)','));
        Assert.Equal((1 << 20) + 1, FieldCursor.Count(Encoding.UTF8.GetBytes(line.Replace(',', ' ')), 0) + 1);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"took {sw.Elapsed}");
    }
}
