namespace Baco.Data;

/// <summary>
/// Header names recognised as the user, item and rating columns, compared after lower-casing and
/// dropping everything but letters and digits ("user_id", "userId" and "User ID" are one name).
/// </summary>
internal static class ColumnNames
{
    private static readonly HashSet<string> UserNames =
    [
        "user", "users", "userid", "uid", "u", "customer", "customerid", "reviewer", "reviewerid",
        "member", "memberid", "visitor", "visitorid", "account", "accountid", "person", "personid",
        "client", "clientid", "buyer", "buyerid", "viewer", "viewerid", "listener", "listenerid",
    ];

    private static readonly HashSet<string> ItemNames =
    [
        "item", "items", "itemid", "iid", "i", "movie", "movieid", "product", "productid", "asin",
        "business", "businessid", "song", "songid", "track", "trackid", "artist", "artistid", "book",
        "bookid", "isbn", "venue", "venueid", "poi", "poiid", "location", "locationid", "article",
        "articleid", "video", "videoid", "anime", "animeid", "game", "gameid", "recipe", "recipeid",
        "news", "newsid", "app", "appid", "place", "placeid", "course", "courseid", "restaurant",
        "restaurantid", "photo", "photoid", "post", "postid", "repo", "repoid",
    ];

    private static readonly HashSet<string> RatingNames =
    [
        "rating", "ratings", "score", "stars", "star", "rate", "preference",
    ];

    // Columns that hold something other than ids: a header naming one id column, with one of these
    // where the other id column's position falls, would otherwise read them as ids.
    private static readonly HashSet<string> NotIdNames =
    [
        "timestamp", "time", "ts", "date", "datetime", "unixtime", "unixtimestamp", "created", "createdat",
        "weight", "count", "counts", "clicks", "click", "label", "duration", "playcount", "plays", "value", "frequency",
        "quantity", "qty", "amount", "price",
    ];

    public static bool IsUser(string header) => UserNames.Contains(Normalize(header));

    public static bool IsItem(string header) => ItemNames.Contains(Normalize(header));

    public static bool IsRating(string header) => RatingNames.Contains(Normalize(header));

    /// <summary>Whether the name is a rating's, a time's or another measure's: not an id column.</summary>
    public static bool IsNotAnId(string header) => IsRating(header) || NotIdNames.Contains(Normalize(header));

    /// <summary>The name without a RecBole ":type" suffix.</summary>
    public static string BaseName(string header)
    {
        int colon = header.LastIndexOf(':');
        return colon > 0 ? header[..colon] : header;
    }

    public static string Normalize(string header)
    {
        string name = BaseName(header);
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        int n = 0;
        foreach (char c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) && n < buffer.Length)
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }
}
