using System.Text;
using Baco.Data;
using Baco.IO;

namespace Baco.Tests.Data;

/// <summary>
/// The whole file is checked as it streams: invalid UTF-8, control characters and CR-only line
/// endings are errors naming their line, wherever they are.
/// </summary>
[Trait("Category", "Fault")]
public sealed class TextValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Valid "user\titem" lines making up at least <paramref name="bytes"/> bytes, and their count.</summary>
    private static (byte[] Text, int Lines) Filler(int bytes)
    {
        var sb = new StringBuilder();
        int lines = 0;
        while (sb.Length < bytes)
        {
            sb.Append("user").Append(lines % 97).Append('\t').Append(lines % 89).Append('\n');
            lines++;
        }

        return (Encoding.UTF8.GetBytes(sb.ToString()), lines);
    }

    private string Write(string name, params byte[][] parts) => _dir.File(name, [.. parts.SelectMany(p => p)]);

    [Fact]
    public void InvalidUtf8AfterByte20000_NamesItsLine()
    {
        var (head, lines) = Filler(20_000);
        string f = Write("latin.tsv", head, "caf"u8.ToArray(), [0xE9], "\t5\n"u8.ToArray(), head);
        ReaderAssert.Fails(f, lines + 1, "invalid UTF-8 byte 0xE9");
    }

    [Fact]
    public void InvalidUtf8PastTheFirstMegabyte_NamesItsLine()
    {
        var (head, lines) = Filler(3 << 20);
        ReaderAssert.Fails(Write("late.tsv", head, "ok\t1\nx\t"u8.ToArray(), [0xC3, 0x28], "\n"u8.ToArray()), lines + 2, "invalid UTF-8 byte 0xC3");
    }

    [Fact]
    public void IdsDifferingOnlyInAnInvalidByte_AreRejectedNotMerged()
    {
        // Decoded with replacement both would be "caf\uFFFD": one id where the file has two.
        var (head, lines) = Filler(10_000);
        string f = Write("two.tsv", head, "caf"u8.ToArray(), [0xE9], "\t1\ncaf"u8.ToArray(), [0xE8], "\t2\n"u8.ToArray());
        ReaderAssert.Fails(f, lines + 1, "invalid UTF-8 byte 0xE9");
    }

    [Fact]
    public void CompressedAndUtf16Files_AreNamedWithTheirRemedy()
    {
        // Real archives of a small interaction file, made by the .NET encoders, and UTF-16 text.
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50).Select(k => $"u{k}\ti{k % 7}\n")));
        using (var gz = new System.IO.Compression.GZipStream(File.Create(_dir.Path + "/t.tsv.gz"), System.IO.Compression.CompressionLevel.Optimal))
        {
            gz.Write(text);
        }

        ReaderAssert.Fails(_dir.Path + "/t.tsv.gz", 0, $"is a gzip-compressed file: decompress it first (gunzip -k {_dir.Path}/t.tsv.gz)");

        // Named without its suffix, gunzip -k would refuse it: decompressed to a copy beside it.
        File.Copy(_dir.Path + "/t.tsv.gz", _dir.Path + "/my log.csv");
        ReaderAssert.Fails(_dir.Path + "/my log.csv", 0, $"(gunzip -c '{_dir.Path}/my log.csv' > '{_dir.Path}/my log.decompressed.csv')");

        string zip = _dir.Path + "/t.zip";
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("t.tsv").Open();
            entry.Write(text);
        }

        ReaderAssert.Fails(zip, 0, "is a zip archive");
        ReaderAssert.Fails(Write("wide.tsv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("u1\ti1\nu2\ti2\n")]), 0, $"is UTF-16 text: save it as UTF-8 (iconv -f UTF-16 -t UTF-8 {_dir.Path}/wide.tsv > {_dir.Path}/wide.utf8.tsv)");
        ReaderAssert.Fails(Write("wide.csv", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("u1,i1\n")]), 0, $"(iconv -f UTF-16 -t UTF-8 {_dir.Path}/wide.csv > {_dir.Path}/wide.utf8.csv)");
        ReaderAssert.Fails(Write("bare.tsv", Encoding.Unicode.GetBytes("u1\ti1\nu2\ti2\n")), 0, $"is UTF-16 text (UTF-16LE, no byte-order mark): save it as UTF-8 (iconv -f UTF-16LE -t UTF-8 {_dir.Path}/bare.tsv > {_dir.Path}/bare.utf8.tsv)");

        // Spreadsheets are saved as CSV, not unzipped.
        File.Copy(zip, _dir.Path + "/ratings.xlsx");
        ReaderAssert.Fails(_dir.Path + "/ratings.xlsx", 0, "is a spreadsheet: save the sheet of interactions as CSV (UTF-8)");
        ReaderAssert.Fails(Write("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0]), 0, "is an old Office file (Excel .xls)");
        ReaderAssert.Fails(Write("t.tsv.xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04, 0xE6, 0xD6]), 0, "is an xz-compressed file");

        // Text whose first id spells a signature is text.
        var d = InteractionReader.Read(_dir.File("par.tsv", "PAR1\ti1\nBZh9\ti2\n"));
        Assert.Equal(["PAR1", "BZh9"], d.Users.Names());
    }

    [Fact]
    public void NulInAnId_IsAnError()
    {
        var (head, lines) = Filler(9_000);
        ReaderAssert.Fails(Write("nul.tsv", head, "ab"u8.ToArray(), [0], "c\t1\n"u8.ToArray()), lines + 1, "control character U+0000 in a field");

        // In the first 8 KB it marks a binary file.
        ReaderAssert.Fails(Write("bin.tsv", "a\t1\nb"u8.ToArray(), [0], "\t2\n"u8.ToArray()), 0, "binary file");
    }

    [Theory]
    [InlineData(new byte[] { 0x01 }, "U+0001")]
    [InlineData(new byte[] { 0x1B }, "U+001B")]
    [InlineData(new byte[] { 0x0B }, "U+000B")]
    [InlineData(new byte[] { 0x7F }, "U+007F")]
    [InlineData(new byte[] { 0xC2, 0x85 }, "U+0085")]
    [InlineData(new byte[] { 0xC2, 0x9F }, "U+009F")]
    public void ControlCharacters_AreErrors(byte[] control, string name)
        => ReaderAssert.Fails(Write("c.tsv", "a\t1\nb"u8.ToArray(), control, "b\t2\nc\t3\n"u8.ToArray()), 2, $"control character {name}");

    [Fact]
    public void PrintableNonAscii_IsRead()
    {
        // U+00A0 and U+00E9 share the 0xC2 / 0xC3 lead bytes with C1 controls.
        string f = _dir.File("ok.tsv", "caf\u00e9\t1\ncaf\u00a0\t2\n\u20ac\t3\n");
        var d = InteractionReader.Read(f);
        Assert.Equal(["caf\u00e9", "caf\u00a0", "\u20ac"], d.Users.Names());
    }

    [Fact]
    public void CrOnlyLineEndings_AreAnErrorAtLine1()
    {
        var e = ReaderAssert.Fails(_dir.File("mac.tsv", "1\t2\r1\t3\r2\t3\r"), 1, "carriage return (CR) not followed by a line feed");
        Assert.Contains("CR-only", e.Reason, StringComparison.Ordinal);

        // Larger than the sample and the read buffer: still line 1, found without reading it all.
        var big = string.Concat(Enumerable.Repeat("123\t456\r", 400_000));
        ReaderAssert.Fails(_dir.File("big.tsv", big), 1, "CR-only");
    }

    [Fact]
    public void CrOnlyLineEndings_AfterLfLines_NameTheLine()
    {
        // A file that switches to CR-only endings past the first megabyte: the glued line grows the buffer.
        var (head, lines) = Filler(1_500_000);
        var tail = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("7\t8\r", 600_000)));
        ReaderAssert.Fails(Write("switch.tsv", head, tail), lines + 1, "CR-only");

        // A single stray CR in the middle of a line.
        ReaderAssert.Fails(_dir.File("stray.tsv", "1\t2\n1\r\t3\n2\t3\n"), 2, "carriage return");
    }

    [Fact]
    public void CrlfFiles_ReadLikeLfFiles()
    {
        string text = string.Concat(Enumerable.Range(0, 100_000).Select(k => $"{k % 503}\t{k % 499}\n"));
        var lf = InteractionReader.Read(_dir.File("lf.tsv", text));
        var crlf = InteractionReader.Read(_dir.File("crlf.tsv", text.Replace("\n", "\r\n", StringComparison.Ordinal)));
        Assert.Equal(lf.Train.Users, crlf.Train.Users);
        Assert.Equal(lf.Train.Items, crlf.Train.Items);

        // A trailing CR at the end of the file without a line feed is harmless.
        Assert.Equal(2, InteractionReader.Read(_dir.File("end.tsv", "1\t2\r\n1\t3\r")).Train.Count);
    }

    [Fact]
    public void EarlierLineErrors_ComeFirst()
    {
        // A bad byte is reported when its line is reached, after errors of the lines before it.
        var (head, lines) = Filler(1_200_000);
        var e = Assert.Throws<DataFormatException>(() => InteractionReader.Read(Write("order.tsv", head, "lonely\n"u8.ToArray(), "x\t1\nb"u8.ToArray(), [0x01], "\t2\n"u8.ToArray())));
        Assert.Equal(lines + 1, e.Line);
        Assert.Contains("missing column", e.Reason, StringComparison.Ordinal);
    }
}
