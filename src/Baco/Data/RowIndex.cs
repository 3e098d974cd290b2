namespace Baco.Data;

/// <summary>What to do about a file written with a row index as its first column (pandas, R).</summary>
internal static class RowIndex
{
    /// <summary>The remedy, one clause, for the errors that find such an index.</summary>
    public const string Remedy = "write the file without it (pandas: to_csv(..., index=False); R: write.table(..., row.names=FALSE)), or remove that column";
}
