using System.Globalization;
using System.Text.RegularExpressions;
using Baco.IO;

namespace Baco.Data;

/// <summary>
/// What the sampled values of a headerless file's id columns say about them: dates or times
/// (a check-in log's second column) are never ids, and a handful of small numbers in the item
/// column is a rating column read by position.
/// </summary>
internal static partial class ColumnContent
{
    // Fewer sampled lines than this say nothing about how many distinct items a file has.
    private const int RatingSampleLines = 20;

    /// <summary>Refuses an id column whose every sampled value is an ISO 8601 date or time.</summary>
    public static void RefuseTimes(string path, long line, List<string[]> data, int column, string side)
    {
        if (data.Count == 0 || !data.TrueForAll(f => column < f.Length && IsoTime().IsMatch(f[column])))
        {
            return;
        }

        throw new DataFormatException(path, line,
            $"column {column + 1}, where the {side} ids are read in a file without a header, holds dates or times ({Examples(data, column)}); give the file a header line that names the user and item columns (user_id and item_id, the other columns any name), or cut those two columns out first");
    }

    /// <summary>
    /// A warning when every sampled item is a small number (at most 10, in halves) and there are
    /// at most 11 of them: the rating or count column of a file whose item column is elsewhere.
    /// </summary>
    public static string? RatingLikeItems(string path, long line, List<string[]> data, int column)
    {
        if (data.Count < RatingSampleLines)
        {
            return null;
        }

        var values = new HashSet<string>();
        foreach (var f in data)
        {
            if (column >= f.Length || !double.TryParse(f[column], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v)
                || v > 10 || v * 2 != Math.Floor(v * 2) || (values.Add(f[column]) && values.Count > 11))
            {
                return null;
            }
        }

        return $"{path}:{line}: column {column + 1}, read as the items in a file without a header, holds only {values.Count} small numbers in its first {data.Count} lines ({string.Join(", ", values.Order(StringComparer.Ordinal).Take(6))}), like ratings; if the items are in another column, give the file a header line that names the user and item columns (user_id, item_id)";
    }

    private static string Examples(List<string[]> data, int column) => string.Join(", ", data.Take(2).Select(f => f[column])) + ", ...";

    // 2010-10-19, 2010-10-19T23:55:27Z, 2014-04-07T10:51:09.277Z, 2010-10-19 23:55:27, 2010/10/19.
    [GeneratedRegex(@"^\d{4}[-/]\d{2}[-/]\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();
}
