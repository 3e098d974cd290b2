namespace Baco.Data;

/// <summary>How the ids of one side (users or items) are interpreted.</summary>
public enum IdKind
{
    /// <summary>
    /// Dense integers are kept as written (identity map) when every id is a canonical non-negative
    /// integer and the range is not too sparse; otherwise ids are names, numbered by first appearance.
    /// </summary>
    Auto,

    /// <summary>Every id must be a canonical non-negative integer; dense id = written id (0..max).</summary>
    Integer,

    /// <summary>Ids are names, numbered in order of first appearance, even when they look like integers.</summary>
    String,
}
