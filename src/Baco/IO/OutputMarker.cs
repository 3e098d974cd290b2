using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baco.IO;

/// <summary>
/// The <see cref="OutputDirectory.MarkerFile"/> baco writes into every output directory: the
/// command that wrote it and the names of the files it wrote. A directory may be replaced only
/// when it holds nothing but those files, so a file the user added later is never deleted.
/// </summary>
internal static class OutputMarker
{
    private const string Format = "baco-output";
    private const int Version = 1;

    /// <summary>Writes the marker listing every file now in <paramref name="dir"/>; <paramref name="partial"/> marks the output of a run that did not finish.</summary>
    public static void Write(string dir, string writtenBy, bool partial = false)
    {
        var files = new JsonArray();
        foreach (string name in Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal))
        {
            files.Add(name);
        }

        var marker = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["written_by"] = writtenBy,
            ["baco_version"] = typeof(OutputMarker).Assembly.GetName().Version?.ToString(3),
            ["files"] = files,
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
        string path = Path.Combine(dir, OutputDirectory.MarkerFile);
        try
        {
            if (!File.Exists(path) || JsonNode.Parse(File.ReadAllText(path)) is not JsonObject o || (string?)o["format"] != Format
                || o["files"] is not JsonArray files)
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
}
