namespace Baco.IO;

/// <summary>A row-major float32 matrix as stored in a 2-D .npy file.</summary>
/// <param name="Data">Row-major values, Rows * Columns of them.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of columns.</param>
internal sealed record NpyMatrix(float[] Data, int Rows, int Columns)
{
    /// <summary>Row r as a span.</summary>
    public ReadOnlySpan<float> Row(int r) => Data.AsSpan(r * Columns, Columns);
}
