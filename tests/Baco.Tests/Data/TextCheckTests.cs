using Baco.Data;

namespace Baco.Tests.Data;

[Trait("Category", "Fault")]
public sealed class TextCheckTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)'\t', (byte)'b', (byte)'\r', (byte)'\n' }, -1)]
    [InlineData(new byte[] { (byte)'a', (byte)'\r', (byte)'b' }, 1)]
    [InlineData(new byte[] { (byte)'a', (byte)'b', (byte)'\r' }, -1)] // last byte: its successor is unknown
    [InlineData(new byte[] { (byte)'a', 0xC3, 0xA9, 0xE9, (byte)'\n' }, 3)]
    [InlineData(new byte[] { (byte)'a', 0xC2, 0xA0, 0xC2, 0x80 }, 3)] // NBSP passes, U+0080 does not
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 0)] // an encoded surrogate
    [InlineData(new byte[] { 0xC0, 0xAF }, 0)] // overlong
    [InlineData(new byte[] { (byte)'x', 0x7F, 0xE9 }, 1)] // the first of two problems
    [InlineData(new byte[] { (byte)'x', 0xE9, 0x00 }, 1)]
    public void FindProblem_HandComputed(byte[] text, int expected)
        => Assert.Equal(expected, TextCheck.FindProblem(text, final: true, out _));

    [Fact]
    public void CutCharacter_IsOnlyAnErrorAtTheEndOfTheFile()
    {
        byte[] cut = [(byte)'a', 0xE2, 0x82];
        Assert.Equal(-1, TextCheck.FindProblem(cut, final: false, out _));
        Assert.Equal(1, TextCheck.FindProblem(cut, final: true, out string reason));
        Assert.Contains("0xE2", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LoneCarriageReturn_MatchesAPlainScan()
    {
        // Property over random buffers of CR, LF and text, across vector widths and offsets.
        var rng = new Random(9);
        byte[] alphabet = [(byte)'\r', (byte)'\n', (byte)'a', (byte)'\t'];
        for (int trial = 0; trial < 3000; trial++)
        {
            var text = new byte[rng.Next(0, 130)];
            for (int k = 0; k < text.Length; k++)
            {
                text[k] = rng.Next(4) == 0 ? alphabet[rng.Next(4)] : (byte)'\r';
            }

            int expected = -1;
            for (int k = 0; k + 1 < text.Length; k++)
            {
                if (text[k] == (byte)'\r' && text[k + 1] != (byte)'\n')
                {
                    expected = k;
                    break;
                }
            }

            Assert.Equal(expected, TextCheck.FindLoneCarriageReturn(text));
        }
    }
}
