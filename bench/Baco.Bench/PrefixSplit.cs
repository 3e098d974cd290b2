using System.Globalization;
using System.Text;

namespace Baco.Bench;

/// <summary>
/// Splits an interaction file per user in file order, for the incremental experiment
/// (bench/scripts/gowalla-incremental.sh): of a user's n lines, the first floor(n * P / 100) go
/// to the first file and the rest to the second, each line unchanged and in its original order.
/// Integer arithmetic, no randomness: the same file gives the same bytes. The user is the first
/// field (up to the first tab, or comma, semicolon or space when the line has no tab); blank
/// lines and lines starting with '#' are dropped; with "header", the first line is copied to
/// both files.
/// </summary>
public static class PrefixSplit
{
    /// <summary>Splits <paramref name="input"/> into <paramref name="firstPath"/> and <paramref name="restPath"/> and prints the counts; returns an exit code.</summary>
    public static int Run(string input, int percent, string firstPath, string restPath, bool header)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        string[] lines = File.ReadAllLines(input, Encoding.UTF8);
        int start = header ? 1 : 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = start; k < lines.Length; k++)
        {
            if (User(lines[k]) is { } user)
            {
                counts[user] = counts.GetValueOrDefault(user) + 1;
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new StringBuilder();
        var rest = new StringBuilder();
        if (start == 1 && lines.Length > 0)
        {
            first.Append(lines[0]).Append('\n');
            rest.Append(lines[0]).Append('\n');
        }

        int firstLines = 0, restLines = 0;
        for (int k = start; k < lines.Length; k++)
        {
            if (User(lines[k]) is not { } user)
            {
                continue;
            }

            int index = seen[user] = seen.GetValueOrDefault(user) + 1;
            bool inFirst = index <= (long)counts[user] * percent / 100;
            (inFirst ? first : rest).Append(lines[k]).Append('\n');
            firstLines += inFirst ? 1 : 0;
            restLines += inFirst ? 0 : 1;
        }

        File.WriteAllText(firstPath, first.ToString(), new UTF8Encoding(false));
        File.WriteAllText(restPath, rest.ToString(), new UTF8Encoding(false));
        int without = counts.Values.Count(n => (long)n * percent / 100 == 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{counts.Count:N0} users: {firstLines:N0} lines to {firstPath}, {restLines:N0} to {restPath}; {without:N0} users have no line in the first part"));
        return 0;
    }

    private static string? User(string line)
    {
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        int end = line.IndexOf('\t', StringComparison.Ordinal);
        if (end < 0)
        {
            end = line.IndexOfAny([',', ';', ' ']);
        }

        return end < 0 ? line : line[..end];
    }
}
