using System.Text.Json.Serialization;

namespace Baco.Data;

/// <summary>Layout of an interaction file.</summary>
public enum InteractionFormat
{
    /// <summary>
    /// Decide from the file's first lines: adjacency lists only when they cannot be an edge list
    /// (integer fields only, no repeated user, at least three line lengths with none on more than
    /// half the lines), else an edge list whose every line has the first data line's field count.
    /// </summary>
    [JsonStringEnumMemberName("auto")]
    Auto,

    /// <summary>
    /// One interaction per line: user, item, optional extra columns. Set explicitly, lines may
    /// differ in their extra columns.
    /// </summary>
    [JsonStringEnumMemberName("edges")]
    EdgeList,

    /// <summary>LightGCN adjacency lists: "user item item item ..." per line.</summary>
    [JsonStringEnumMemberName("adjacency")]
    Adjacency,
}

/// <summary>How to read interaction files. Defaults detect everything.</summary>
public sealed record ReadOptions
{
    /// <summary>File layout.</summary>
    public InteractionFormat Format { get; init; } = InteractionFormat.Auto;

    /// <summary>Whether the first line is a header; null detects it.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Field separator; null detects tab, comma, semicolon or runs of whitespace. ' ' means runs of whitespace.</summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// User column: a header name (case-insensitive, a ":type" suffix ignored) or a 0-based index.
    /// Null picks a header column named like "user_id", else column 0.
    /// </summary>
    public string? UserColumn { get; init; }

    /// <summary>Item column, as <see cref="UserColumn"/>; null picks a column named like "item_id", else column 1.</summary>
    public string? ItemColumn { get; init; }

    /// <summary>Rating column used by <see cref="MinRating"/>; null picks a column named like "rating", else column 2.</summary>
    public string? RatingColumn { get; init; }

    /// <summary>
    /// When set, only rows whose rating is at least this value are interactions; other rows are
    /// skipped entirely (their ids do not enter the id space). Edge lists only.
    /// </summary>
    public double? MinRating { get; init; }

    /// <summary>How user ids are interpreted.</summary>
    public IdKind UserIds { get; init; } = IdKind.Auto;

    /// <summary>How item ids are interpreted.</summary>
    public IdKind ItemIds { get; init; } = IdKind.Auto;

    /// <summary>
    /// Users numbered first, in this map's order (a stored assignment's, so that the data number
    /// its users alike); users it lacks follow in order of first appearance. Null: none known.
    /// </summary>
    public IdMap? KnownUsers { get; init; }

    /// <summary>Items numbered first, as <see cref="KnownUsers"/> does for users.</summary>
    public IdMap? KnownItems { get; init; }

    /// <summary>
    /// Receives warnings about input that was read but may not mean what was read (a first line
    /// that looks like an unrecognised header). Each report is one line, "file:line: text", without
    /// a newline; it is called synchronously on the reading thread. Null: no warnings.
    /// </summary>
    public IProgress<string>? Warnings { get; init; }

    /// <summary>Sets <see cref="UserIds"/> and <see cref="ItemIds"/> together; reads as Auto when they differ.</summary>
    public IdKind IdKind
    {
        get => UserIds == ItemIds ? UserIds : IdKind.Auto;
        init
        {
            UserIds = value;
            ItemIds = value;
        }
    }
}
