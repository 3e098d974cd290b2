namespace Baco.Data;

/// <summary>What <see cref="LayoutSniffer"/> decided about one interaction file.</summary>
/// <param name="Format">Edge list or adjacency lists.</param>
/// <param name="Delimiter">Field separator byte, or 0 for runs of whitespace.</param>
/// <param name="HasHeader">Whether the first non-blank, non-comment line is a header.</param>
/// <param name="UserColumn">0-based user column (edge lists).</param>
/// <param name="ItemColumn">0-based item column (edge lists).</param>
/// <param name="RatingColumn">0-based rating column, or -1 when none is known.</param>
/// <param name="Header">Header fields as written, or null.</param>
/// <param name="Types">Declared column types of a typed header, or null.</param>
/// <param name="BytesPerEdge">Bytes per interaction in the sniffed sample (to size buffers).</param>
internal sealed record FileLayout(
    InteractionFormat Format,
    byte Delimiter,
    bool HasHeader,
    int UserColumn,
    int ItemColumn,
    int RatingColumn,
    string[]? Header,
    ColumnType[]? Types,
    double BytesPerEdge)
{
    /// <summary>
    /// The format was detected, not set: every line must agree with it (edge lists: the field
    /// count of the first data line; adjacency lists: integer ids only).
    /// </summary>
    public bool Detected { get; init; }

    /// <summary>"(user, item)" of a first line that looks like an unrecognised header, or null.</summary>
    public string? SuspectHeader { get; init; }
}
