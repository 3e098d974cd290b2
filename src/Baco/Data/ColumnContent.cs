using System.Globalization;
using System.Text.RegularExpressions;
using Baco.IO;

namespace Baco.Data;

/// <summary>
/// What the sampled values of a headerless file's id columns say about them: dates or times
/// (a check-in log's second column) are never ids, a handful of small numbers in the item column
/// is a rating column read by position, and Amazon product ids as users are items read first.
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
            $"column {column + 1}, where the {side} ids are read in a file without a header, holds dates or times ({Examples(data, column)}); give the file a header line that names the user and item columns (user_id and item_id, the other columns any name), which also reads dates that are meant as ids");
    }

    /// <summary>
    /// A warning when every sampled item is a small number (at most 10, in halves), there are 2
    /// to 11 of them, and they do not come in order: the rating or count column of a file whose
    /// item column is elsewhere. A file sorted by item (one item over the whole sample) is not one.
    /// </summary>
    public static string? RatingLikeItems(string path, long line, List<string[]> data, int column)
    {
        if (data.Count < RatingSampleLines)
        {
            return null;
        }

        var values = new HashSet<string>();
        bool falls = false;
        double previous = double.NegativeInfinity;
        foreach (var f in data)
        {
            if (column >= f.Length || !double.TryParse(f[column], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v)
                || v > 10 || v * 2 != Math.Floor(v * 2) || (values.Add(f[column]) && values.Count > 11))
            {
                return null;
            }

            falls |= v < previous;
            previous = v;
        }

        if (!falls)
        {
            return null;
        }

        return $"{path}:{line}: column {column + 1}, read as the items in a file without a header, holds only {values.Count} small numbers in its first {data.Count} lines ({string.Join(", ", values.Order(StringComparer.Ordinal).Take(6))}), like ratings; if the items are in another column, give the file a header line that names the user and item columns (user_id, item_id)";
    }

    /// <summary>
    /// A warning when every sampled user looks like an Amazon product id (ASIN) and every item
    /// like an Amazon reviewer id: an Amazon ratings file that lists items first (the 2018
    /// releases do; the 2014 ones list users first), read by position with the sides swapped.
    /// </summary>
    public static string? AmazonItemsFirst(string path, long line, List<string[]> data, int user, int item)
    {
        if (data.Count == 0 || !data.TrueForAll(f => Math.Max(user, item) < f.Length && Asin().IsMatch(f[user]) && AmazonReviewer().IsMatch(f[item])))
        {
            return null;
        }

        return $"{path}:{line}: column {user + 1}, read as the users in a file without a header, holds Amazon product ids ({data[0][user]}) and column {item + 1}, read as the items, Amazon reviewer ids ({data[0][item]}): Amazon's 2018 ratings files list the item first; if so, give the file the header line item,user,rating,timestamp";
    }

    private static string Examples(List<string[]> data, int column) => string.Join(", ", data.Take(2).Select(f => f[column])) + ", ...";

    // 2010-10-19, 2010-10-19T23:55:27Z, 2014-04-07T10:51:09.277Z, 2010-10-19 23:55:27, 2010/10/19.
    [GeneratedRegex(@"^\d{4}[-/]\d{2}[-/]\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();

    // An ASIN: B0 and eight letters or digits, or an ISBN-10 (books).
    [GeneratedRegex(@"^(B0[0-9A-Z]{8}|[0-9]{9}[0-9X])$", RegexOptions.CultureInvariant)]
    private static partial Regex Asin();

    // An Amazon reviewer id: A and 9 to 21 upper-case letters or digits, with a digit among them
    // (so that a plain word is not one).
    [GeneratedRegex(@"^A(?=[A-Z]*[0-9])[0-9A-Z]{9,21}$", RegexOptions.CultureInvariant)]
    private static partial Regex AmazonReviewer();
}
