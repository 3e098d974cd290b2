namespace Baco.Tests.Docs;

/// <summary>A fenced C# block of a Markdown file: its first code line (1-based), its text, and whether it is marked to be left out.</summary>
internal sealed record MarkdownSnippet(int FirstLine, string Code, bool Skipped);

/// <summary>
/// Finds the fenced C# blocks (```csharp, ```cs or ```c#) of a Markdown text. A block whose fence
/// line comes right after a line <c>&lt;!-- snippet: skip --&gt;</c> is marked skipped.
/// </summary>
internal static class MarkdownSnippets
{
    public const string SkipMarker = "<!-- snippet: skip -->";

    private static readonly string[] Languages = ["csharp", "cs", "c#"];

    public static IReadOnlyList<MarkdownSnippet> CSharp(string markdown)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var snippets = new List<MarkdownSnippet>();
        for (int k = 0; k < lines.Length; k++)
        {
            string fence = lines[k].Trim();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            int end = k + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            if (Languages.Contains(fence[3..].Trim(), StringComparer.OrdinalIgnoreCase))
            {
                bool skipped = k > 0 && lines[k - 1].Trim() == SkipMarker;
                snippets.Add(new MarkdownSnippet(k + 2, string.Join('\n', lines[(k + 1)..Math.Min(end, lines.Length)]), skipped));
            }

            k = end;
        }

        return snippets;
    }
}
