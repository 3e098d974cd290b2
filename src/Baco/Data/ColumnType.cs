namespace Baco.Data;

/// <summary>Type a RecBole-style typed header ("rating:float") declares for a column.</summary>
internal enum ColumnType
{
    /// <summary>Any text (token, token_seq, float_seq: not checked).</summary>
    Token,

    /// <summary>Must parse as an integer.</summary>
    Int,

    /// <summary>Must parse as a floating-point number.</summary>
    Float,
}
