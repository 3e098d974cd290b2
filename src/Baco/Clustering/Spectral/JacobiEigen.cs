namespace Baco.Clustering.Spectral;

/// <summary>
/// Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations (Golub and
/// Van Loan, "Matrix Computations", 8.5): accurate, simple, fine for the 10-40 column Gram
/// matrices of the randomized SVD.
/// </summary>
internal static class JacobiEigen
{
    /// <summary>
    /// Eigenvalues in descending order and eigenvectors as columns of an n x n row-major matrix
    /// (column k belongs to value k). The input is not modified.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] symmetric, int n)
    {
        var a = (double[])symmetric.Clone();
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double x = a[(i * n) + j] * a[(i * n) + j];
                    total += x;
                    if (i != j)
                    {
                        off += x;
                    }
                }
            }

            if (off <= 1e-30 * Math.Max(total, 1e-300))
            {
                break;
            }

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[(p * n) + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    double theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    double c = 1 / Math.Sqrt((t * t) + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        // A <- A J (columns p, q), then J^T A (rows p, q).
                        double akp = a[(k * n) + p], akq = a[(k * n) + q];
                        a[(k * n) + p] = (c * akp) - (s * akq);
                        a[(k * n) + q] = (s * akp) + (c * akq);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[(p * n) + k], aqk = a[(q * n) + k];
                        a[(p * n) + k] = (c * apk) - (s * aqk);
                        a[(q * n) + k] = (s * apk) + (c * aqk);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[(k * n) + p], vkq = v[(k * n) + q];
                        v[(k * n) + p] = (c * vkp) - (s * vkq);
                        v[(k * n) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var order = new int[n];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            values[i] = a[(i * n) + i];
        }

        Array.Sort(order, (x, y) => values[y].CompareTo(values[x]) != 0 ? values[y].CompareTo(values[x]) : x.CompareTo(y));
        var sortedValues = new double[n];
        var sortedVectors = new double[n * n];
        for (int k = 0; k < n; k++)
        {
            sortedValues[k] = values[order[k]];
            for (int i = 0; i < n; i++)
            {
                sortedVectors[(i * n) + k] = v[(i * n) + order[k]];
            }
        }

        return (sortedValues, sortedVectors);
    }
}
