namespace Baco.Data;

/// <summary>
/// Names the kind of a file that failed the text checks from its first bytes (compressed
/// archives, UTF-16, Parquet), so that the refusal says what the file is and how to make it
/// readable rather than only which byte is not UTF-8. Consulted only for a file already refused:
/// a text file whose first id happens to spell a signature ("PAR1") is never misjudged.
/// </summary>
internal static class FileSignature
{
    private static readonly (byte[] Magic, string What)[] Known =
    [
        ([0x1F, 0x8B], "is a gzip-compressed file: decompress it first (gunzip -k {0})"),
        ([0x50, 0x4B, 0x03, 0x04], "is a zip archive: extract the interaction file from it first (unzip {0})"),
        ([0x42, 0x5A, 0x68], "is a bzip2-compressed file: decompress it first (bunzip2 -k {0})"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "is an xz-compressed file: decompress it first (unxz -k {0})"),
        ([0x28, 0xB5, 0x2F, 0xFD], "is a zstd-compressed file: decompress it first (unzstd {0})"),
        ([0x50, 0x41, 0x52, 0x31], "is a Parquet file: export the interactions as CSV or TSV text first"),
        ([0xFF, 0xFE], "is UTF-16 text: save it as UTF-8 (iconv -f UTF-16 -t UTF-8 {0} > {1})"),
        ([0xFE, 0xFF], "is UTF-16 text: save it as UTF-8 (iconv -f UTF-16 -t UTF-8 {0} > {1})"),
    ];

    /// <summary>
    /// What the file at <paramref name="path"/>, starting with <paramref name="head"/>, is, with
    /// the remedy; null when no known signature matches.
    /// </summary>
    public static string? Describe(string path, ReadOnlySpan<byte> head)
    {
        foreach (var (magic, what) in Known)
        {
            if (head.StartsWith(magic))
            {
                // The converted copy keeps the extension, which tells its separator to other tools.
                string name = Path.GetFileName(path);
                string converted = Path.GetFileNameWithoutExtension(name) + ".utf8" + Path.GetExtension(name);
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, what, name, converted);
            }
        }

        return null;
    }
}
