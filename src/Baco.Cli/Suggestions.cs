namespace Baco.Cli;

/// <summary>"Did you mean" for misspelt commands, options and choices: the closest candidate within a few edits.</summary>
internal static class Suggestions
{
    /// <summary>" (did you mean 'x'?)", or empty when nothing is close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
        => Closest(typed, candidates) is { } best ? $" (did you mean '{best}'?)" : string.Empty;

    /// <summary>The candidate with the fewest edits from <paramref name="typed"/>, if it needs at most a third of its length in edits.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Distance(typed.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (c, d);
            }
        }

        return best is not null && bestDistance <= Math.Max(1, typed.TrimStart('-').Length / 3) ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
