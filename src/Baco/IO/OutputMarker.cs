using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baco.IO;

/// <summary>
/// The <see cref="OutputDirectory.MarkerFile"/> baco writes into every output directory: the
/// command that wrote it, the names of the files it wrote and a SHA-256 of each. A directory may
/// be replaced only when it holds nothing but those files, so a file the user added later is never
/// deleted; and a file changed since (another model's codebook copied in, edited ids or settings)
/// is refused by the loaders rather than served (<see cref="EnsureUnchanged"/>).
/// </summary>
internal static class OutputMarker
{
    private const string Format = "baco-output";
    private const int Version = 1;

    /// <summary>Writes the marker listing every file now in <paramref name="dir"/>; <paramref name="partial"/> marks the output of a run that did not finish.</summary>
    public static void Write(string dir, string writtenBy, bool partial = false)
    {
        var files = new JsonArray();
        var digests = new JsonObject();
        foreach (string name in Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal))
        {
            files.Add(name);
            string path = Path.Combine(dir, name);
            if (File.Exists(path) && name != OutputDirectory.MarkerFile)
            {
                digests[name] = Digest(path);
            }
        }

        var marker = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["written_by"] = writtenBy,
            ["baco_version"] = typeof(OutputMarker).Assembly.GetName().Version?.ToString(3),
            ["files"] = files,
            ["sha256"] = digests,
        };
        if (partial)
        {
            marker["partial"] = true;
        }

        File.WriteAllText(Path.Combine(dir, OutputDirectory.MarkerFile), marker.ToJsonString() + "\n");
    }

    /// <summary>
    /// The marker's files (the marker itself included), the command that wrote them (empty when
    /// the marker does not say) and whether the run did not finish, or null when <paramref name="dir"/> has no valid marker.
    /// </summary>
    public static (HashSet<string> Files, string WrittenBy, bool Partial)? Read(string dir)
    {
        try
        {
            if (Parse(dir) is not { } o || o["files"] is not JsonArray files)
            {
                return null;
            }

            var listed = new HashSet<string>(StringComparer.Ordinal) { OutputDirectory.MarkerFile };
            foreach (var f in files)
            {
                listed.Add((string?)f ?? string.Empty);
            }

            bool partial = o["partial"] is JsonValue p && p.TryGetValue(out bool flag) && flag;
            return (listed, o["written_by"] is JsonValue v && v.TryGetValue(out string? by) ? by : string.Empty, partial);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Throws <see cref="DataFormatException"/> naming the first of <paramref name="names"/> that
    /// the marker of <paramref name="dir"/> records but that is gone or no longer matches its
    /// SHA-256. Files the marker does not record, and directories without a marker or written
    /// before digests were kept (2026-12-03), are not checked: this guards against accidents (a
    /// file of another run copied in, an edit), not against someone who also edits the marker.
    /// Loaders call it after their own checks, so a damaged file is still described by what is wrong with it.
    /// </summary>
    public static void EnsureUnchanged(string dir, IEnumerable<string> names)
    {
        JsonObject? digests;
        try
        {
            digests = Parse(dir)?["sha256"] as JsonObject;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return;
        }

        if (digests is null)
        {
            return;
        }

        foreach (string name in names)
        {
            string path = Path.Combine(dir, name);
            if (digests[name] is not JsonValue recorded || !recorded.TryGetValue(out string? expected))
            {
                continue;
            }

            // An optional file (an MF model's training interactions) would otherwise pass for never written.
            if (!File.Exists(path))
            {
                throw new DataFormatException(path, 0,
                    $"was deleted after baco wrote it ({OutputDirectory.MarkerFile} records it); put back the file baco wrote, or run the command that wrote this directory again");
            }

            if (Digest(path) != expected)
            {
                throw new DataFormatException(path, 0,
                    $"was changed after baco wrote it: it no longer matches the SHA-256 that {OutputDirectory.MarkerFile} records (a file of another run copied in, or an edit); put back the file baco wrote, or run the command that wrote this directory again");
            }
        }
    }

    /// <summary>The marker of <paramref name="dir"/> as JSON, or null when there is none or it is not baco's; throws what reading and parsing throw.</summary>
    private static JsonObject? Parse(string dir)
    {
        string path = Path.Combine(dir, OutputDirectory.MarkerFile);
        return File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject o && (string?)o["format"] == Format ? o : null;
    }

    /// <summary>
    /// SHA-256 of a file, hex. Text files (.json, .txt) are hashed with CR LF read as LF: a git
    /// checkout that converts line endings is not a change (ids with CR LF are refused on their own).
    /// </summary>
    internal static string Digest(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".txt", StringComparison.Ordinal))
        {
            var kept = new List<byte>(bytes.Length);
            for (int k = 0; k < bytes.Length; k++)
            {
                if (!(bytes[k] == (byte)'\r' && k + 1 < bytes.Length && bytes[k + 1] == (byte)'\n'))
                {
                    kept.Add(bytes[k]);
                }
            }

            bytes = [.. kept];
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
