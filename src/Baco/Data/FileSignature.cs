namespace Baco.Data;

/// <summary>
/// Names the kind of a file that failed the text checks from its first bytes (compressed
/// archives, spreadsheets, UTF-16, Parquet), so that the refusal says what the file is and how
/// to make it readable rather than only which byte is not UTF-8. Consulted only for a file
/// already refused: a text file whose first id happens to spell a signature ("PAR1") is never
/// misjudged.
/// </summary>
internal static class FileSignature
{
    // A compressed file: its name, the suffix its tool strips, and the tool's name.
    private static readonly (byte[] Magic, string What, string Suffix, string Tool)[] Compressed =
    [
        ([0x1F, 0x8B], "a gzip-compressed file", ".gz", "gunzip"),
        ([0x42, 0x5A, 0x68], "a bzip2-compressed file", ".bz2", "bunzip2"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "an xz-compressed file", ".xz", "unxz"),
        ([0x28, 0xB5, 0x2F, 0xFD], "a zstd-compressed file", ".zst", "unzstd"),
    ];

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Parquet = [0x50, 0x41, 0x52, 0x31];
    private static readonly string[] SpreadsheetExtensions = [".xlsx", ".xlsm", ".ods", ".numbers"];

    /// <summary>
    /// What the file at <paramref name="path"/>, starting with <paramref name="head"/>, is, with
    /// the remedy; null when no known signature matches.
    /// </summary>
    public static string? Describe(string path, ReadOnlySpan<byte> head)
    {
        string quoted = ConversionCommand.Quote(path);
        foreach (var (magic, what, suffix, tool) in Compressed)
        {
            if (head.StartsWith(magic))
            {
                // "-k" keeps the input and writes the name without the suffix; a file not named
                // with its suffix is decompressed to a copy beside it instead.
                string command = path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                    ? $"{tool} -k {quoted}"
                    : ConversionCommand.Redirect(tool + " -c", path, ".decompressed" + Path.GetExtension(path));
                return $"is {what}: decompress it first ({command})";
            }
        }

        if (head.StartsWith(Zip))
        {
            return SpreadsheetExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
                ? "is a spreadsheet: save the sheet of interactions as CSV (UTF-8) from the spreadsheet program first"
                : $"is a zip archive: extract the interaction file from it first (unzip {quoted})";
        }

        if (head.StartsWith(OleCompound))
        {
            return "is an old Office file (Excel .xls): save the sheet of interactions as CSV (UTF-8) from the spreadsheet program first";
        }

        if (head.StartsWith(Parquet))
        {
            return "is a Parquet file: export the interactions as CSV or TSV text first";
        }

        string iconv = ConversionCommand.Redirect("iconv -f UTF-16 -t UTF-8", path, ".utf8" + Path.GetExtension(path));
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return $"is UTF-16 text: save it as UTF-8 ({iconv})";
        }

        // Without a byte-order mark: ASCII text in UTF-16 has a NUL in every other byte.
        if (LooksLikeUtf16(head, out string order))
        {
            return $"is UTF-16 text ({order}, no byte-order mark): save it as UTF-8 ({iconv.Replace("UTF-16", order, StringComparison.Ordinal)})";
        }

        return null;
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head, out string order)
    {
        int n = Math.Min(head.Length, 256) & ~1;
        int evenNul = 0, oddNul = 0;
        for (int k = 0; k < n; k += 2)
        {
            evenNul += head[k] == 0 ? 1 : 0;
            oddNul += head[k + 1] == 0 ? 1 : 0;
        }

        // Every character of the sample ASCII: one side all NUL, the other none.
        int pairs = n / 2;
        order = oddNul == pairs && evenNul == 0 ? "UTF-16LE" : "UTF-16BE";
        return pairs >= 4 && ((oddNul == pairs && evenNul == 0) || (evenNul == pairs && oddNul == 0));
    }
}
