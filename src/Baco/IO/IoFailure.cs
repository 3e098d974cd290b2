namespace Baco.IO;

/// <summary>
/// The reason behind a failed file-system operation in the user's terms ("permission denied",
/// "no space left on the device"), without .NET's wording or the temporary paths it quotes.
/// </summary>
internal static class IoFailure
{
    /// <summary>A short reason, e.g. "permission denied".</summary>
    public static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path or a name in it is too long",
        FileNotFoundException or DirectoryNotFoundException => "the location does not accept new files",
        IOException io when Has(io, "too long") => "the path or a name in it is too long",
        IOException io when Has(io, "No space") => "no space left on the device",
        IOException io when Has(io, "Read-only") => "the file system is read-only",
        IOException io when Has(io, "quota") => "the disk quota is exceeded",
        IOException io when Has(io, "Permission denied") || Has(io, "not permitted") => "permission denied",
        _ => StripPaths(e.Message),
    };

    private static bool Has(Exception e, string text) => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase);

    // .NET's messages quote the path they failed on ("... : '/a/out.tmp-1-ab'"); the user gave another one.
    private static string StripPaths(string message)
    {
        int quote = message.IndexOf(" : '", StringComparison.Ordinal);
        string text = quote > 0 ? message[..quote] : message;
        int path = text.IndexOf(" '/", StringComparison.Ordinal);
        return (path > 0 ? text[..path] : text).TrimEnd('.', ' ');
    }
}
