namespace Baco.Clustering.Spectral;

/// <summary>
/// A matrix A (Rows x Cols) seen only through products with dense blocks of r columns, stored
/// row-major (element (i, j) of an n x r block at [i * r + j]).
/// </summary>
internal interface ILinearOperator
{
    int Rows { get; }

    int Cols { get; }

    /// <summary>y (Rows x r) = A x (Cols x r).</summary>
    void Apply(double[] x, double[] y, int r);

    /// <summary>y (Cols x r) = A^T x (Rows x r).</summary>
    void ApplyTranspose(double[] x, double[] y, int r);
}
