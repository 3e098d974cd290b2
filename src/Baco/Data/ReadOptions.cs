namespace Baco.Data;

/// <summary>Layout of an interaction file.</summary>
public enum InteractionFormat
{
    /// <summary>Decide from the file's first lines.</summary>
    Auto,

    /// <summary>One interaction per line: user, item, optional extra columns.</summary>
    EdgeList,

    /// <summary>LightGCN adjacency lists: "user item item item ..." per line.</summary>
    Adjacency,
}

/// <summary>How to read interaction files. Defaults detect everything.</summary>
public sealed record ReadOptions
{
    /// <summary>File layout.</summary>
    public InteractionFormat Format { get; init; } = InteractionFormat.Auto;

    /// <summary>Whether the first line is a header; null detects it.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Field separator; null detects tab, comma, semicolon or runs of whitespace.</summary>
    public char? Delimiter { get; init; }
}
