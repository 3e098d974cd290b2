using System.Globalization;
using System.Text;
using Baco.Data;
using Microsoft.CodeAnalysis.CSharp;

namespace Baco.Tests.Docs;

/// <summary>
/// The README's C# blocks, compiled and run against the built library, so the README cannot
/// drift from the API. The file names a block reads (train.tsv, val.tsv, test.tsv) are replaced
/// by files this test writes from built-in synthetic data.
/// </summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void ReadmeCSharpBlocksCompileAndRun()
    {
        string readme = Path.Combine(AppContext.BaseDirectory, "README.md");
        var snippets = MarkdownSnippets.CSharp(File.ReadAllText(readme)).Where(s => !s.Skipped).ToList();
        Assert.True(snippets.Count > 0, "README.md has no ```csharp block to run, so this test would check nothing.");
        using var dir = new TempDirectory();
        var files = WriteData(dir);
        foreach (var snippet in snippets)
        {
            string code = files.Aggregate(snippet.Code, (text, file) => text.Replace($"\"{file.Key}\"", SymbolDisplay.FormatLiteral(file.Value, quote: true), StringComparison.Ordinal));
            var outcome = SnippetRunner.Run(code, "README.md", snippet.FirstLine);
            string where = $"README.md:{snippet.FirstLine}";
            if (outcome.Diagnostics.Count > 0)
            {
                Assert.Fail($"{where}: the C# block no longer compiles:\n{string.Join('\n', outcome.Diagnostics)}");
            }

            if (outcome.Thrown is { } e)
            {
                Assert.Fail($"{where}: the C# block threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}\noutput so far:\n{outcome.Output}");
            }

            Assert.False(string.IsNullOrWhiteSpace(outcome.Output), $"{where}: the C# block ran but printed nothing.");
        }
    }

    [Fact]
    public void FindsCSharpBlocksWithTheirLinesAndTheSkipMarker()
    {
        string markdown = string.Join('\n',
            "# Title",
            "```csharp",
            "Console.WriteLine(1);",
            "```",
            "```python",
            "print(2)",
            "```",
            MarkdownSnippets.SkipMarker,
            "```cs",
            "Fragment(",
            "```");

        var snippets = MarkdownSnippets.CSharp(markdown);

        Assert.Equal([new MarkdownSnippet(3, "Console.WriteLine(1);", false), new MarkdownSnippet(10, "Fragment(", true)], snippets);
    }

    // Small planted co-cluster data, written as the tab-separated edge lists the README's block reads.
    private static Dictionary<string, string> WriteData(TempDirectory dir)
    {
        var data = SyntheticInteractions.Generate(new SyntheticOptions { Users = 600, Items = 400, Interactions = 12_000, Clusters = 10 }).Dataset;
        return new Dictionary<string, string>
        {
            ["train.tsv"] = dir.File("train.tsv", Edges(data.Train)),
            ["val.tsv"] = dir.File("val.tsv", Edges(data.Validation!)),
            ["test.tsv"] = dir.File("test.tsv", Edges(data.Test!)),
        };
    }

    private static string Edges(InteractionList list)
    {
        var text = new StringBuilder();
        for (int k = 0; k < list.Count; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{list.Users[k]}\t{list.Items[k]}\n");
        }

        return text.ToString();
    }
}
