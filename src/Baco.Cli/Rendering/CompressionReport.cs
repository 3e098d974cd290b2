using System.Globalization;
using Baco.Clustering;
using Baco.Codebooks;
using Spectre.Console;

namespace Baco.Cli.Rendering;

/// <summary>The human-readable table `baco compress` prints.</summary>
internal static class CompressionReport
{
    public static void Write(IAnsiConsole console, CompressionSummary s, CodebookAssignment assignment, string source, string outDir)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(s.Method)}[/] on {Markup.Escape(source)}");
        table.AddColumn("quantity");
        table.AddColumn(new TableColumn("value").RightAligned());
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("users / items", $"{s.Users:N0} / {s.Items:N0}");
        Row("interactions", s.Interactions.ToString("N0", CultureInfo.InvariantCulture));
        Row("user rows / item rows", $"{s.UserRows:N0} / {s.ItemRows:N0}");
        Row("extra indices", s.ExtraIndices.ToString("N0", CultureInfo.InvariantCulture));
        Row("parameters", $"{s.Params:N0} of {s.FullParams:N0} (dim {s.Dim})");
        Row("ratio", s.Ratio.ToString("P2", CultureInfo.InvariantCulture));
        Row(s.Method == "baco" ? "gamma" : "knob", double.IsFinite(s.Knob) ? s.Knob.ToString("G6", CultureInfo.InvariantCulture) : "-");
        Row("target", s.Target);
        Row("clustering time", $"{s.Seconds:F3} s");
        var st = s.Stats;
        foreach (var (name, value) in new (string, double?)[]
        {
            ("objective q", st.ObjectiveQ), ("gini", st.Gini), ("accl", st.Accl), ("co clusters", st.CoClusters),
            ("secondary users", st.SecondaryUsers), ("search runs", st.SearchRuns), ("passes", st.Passes),
        })
        {
            if (value is double v)
            {
                Row(name, v == Math.Floor(v) && Math.Abs(v) < 1e12 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("G5", CultureInfo.InvariantCulture));
            }
        }

        Row("output", outDir);
        console.Write(table);
        console.Write(LargestRows(assignment));
    }

    private static Table LargestRows(CodebookAssignment a)
    {
        var t = new Table().Border(TableBorder.Simple).Title("largest codebook rows");
        t.AddColumn("rank");
        t.AddColumn(new TableColumn("user row: users").RightAligned());
        t.AddColumn(new TableColumn("item row: items").RightAligned());
        var users = Top(a.Users.RowSizes());
        var items = Top(a.Items.RowSizes());
        for (int k = 0; k < Math.Max(users.Count, items.Count); k++)
        {
            t.AddRow(
                (k + 1).ToString(CultureInfo.InvariantCulture),
                k < users.Count ? $"{users[k].Row}: {users[k].Size:N0}" : string.Empty,
                k < items.Count ? $"{items[k].Row}: {items[k].Size:N0}" : string.Empty);
        }

        return t;
    }

    private static List<(int Row, int Size)> Top(int[] sizes) =>
        [.. sizes.Select((size, row) => (Row: row, Size: size)).OrderByDescending(x => x.Size).ThenBy(x => x.Row).Take(5)];
}
