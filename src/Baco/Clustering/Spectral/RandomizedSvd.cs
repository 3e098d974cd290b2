using Baco.Randomness;

namespace Baco.Clustering.Spectral;

/// <summary>
/// Truncated SVD by the randomized range finder with power iterations (Halko, Martinsson, Tropp
/// 2011, "Finding structure with randomness", Algorithms 4.3/4.4 and 5.1): Y = (A A^T)^q A Omega
/// with re-orthonormalisation (Gram-Schmidt, twice) after every product, Q = orth(Y),
/// B = Q^T A, then the small SVD of B from the Jacobi eigen-decomposition of B B^T.
/// </summary>
internal static class RandomizedSvd
{
    /// <summary>Top <paramref name="rank"/> singular triplets; U is Rows x rank and V Cols x rank, row-major.</summary>
    public static (double[] S, double[] U, double[] V) Compute(ILinearOperator a, int rank, int oversample, int powerIterations, ulong seed)
    {
        int n = a.Rows, m = a.Cols;
        int l = Math.Min(rank + oversample, Math.Min(n, m));
        rank = Math.Min(rank, l);
        var rng = new SplitMix64(seed);
        var omega = new double[m * l];
        for (int k = 0; k < omega.Length; k++)
        {
            omega[k] = rng.NextGaussian();
        }

        var y = new double[n * l];
        var z = new double[m * l];
        a.Apply(omega, y, l);
        Orthonormalize(y, n, l);
        for (int q = 0; q < powerIterations; q++)
        {
            a.ApplyTranspose(y, z, l);
            Orthonormalize(z, m, l);
            a.Apply(z, y, l);
            Orthonormalize(y, n, l);
        }

        // Bt = A^T Q is B^T (m x l); G = B B^T = Bt^T Bt (l x l).
        a.ApplyTranspose(y, z, l);
        var gram = new double[l * l];
        for (int j = 0; j < m; j++)
        {
            for (int p = 0; p < l; p++)
            {
                double zp = z[(j * l) + p];
                for (int q = p; q < l; q++)
                {
                    gram[(p * l) + q] += zp * z[(j * l) + q];
                }
            }
        }

        for (int p = 0; p < l; p++)
        {
            for (int q = 0; q < p; q++)
            {
                gram[(p * l) + q] = gram[(q * l) + p];
            }
        }

        var (values, w) = JacobiEigen.Decompose(gram, l);
        var s = new double[rank];
        var u = new double[n * rank];
        var v = new double[m * rank];
        for (int k = 0; k < rank; k++)
        {
            s[k] = Math.Sqrt(Math.Max(values[k], 0));
        }

        // U = Q W, V = Bt W / sigma.
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < rank; k++)
            {
                double acc = 0;
                for (int p = 0; p < l; p++)
                {
                    acc += y[(i * l) + p] * w[(p * l) + k];
                }

                u[(i * rank) + k] = acc;
            }
        }

        for (int j = 0; j < m; j++)
        {
            for (int k = 0; k < rank; k++)
            {
                double acc = 0;
                for (int p = 0; p < l; p++)
                {
                    acc += z[(j * l) + p] * w[(p * l) + k];
                }

                v[(j * rank) + k] = s[k] > 1e-300 ? acc / s[k] : 0;
            }
        }

        return (s, u, v);
    }

    /// <summary>
    /// Orthonormal columns of an n x l row-major block, in place, by classical Gram-Schmidt run
    /// twice per column (CGS2, "twice is enough": as stable as modified Gram-Schmidt) so that
    /// every pass walks the rows contiguously; a column that vanishes (rank deficiency) is zeroed.
    /// </summary>
    internal static void Orthonormalize(double[] y, int n, int l)
    {
        var dots = new double[l];
        for (int j = 0; j < l; j++)
        {
            for (int pass = 0; pass < 2 && j > 0; pass++)
            {
                Array.Clear(dots);
                for (int r = 0; r < n; r++)
                {
                    int o = r * l;
                    double yj = y[o + j];
                    for (int i = 0; i < j; i++)
                    {
                        dots[i] += y[o + i] * yj;
                    }
                }

                for (int r = 0; r < n; r++)
                {
                    int o = r * l;
                    double acc = 0;
                    for (int i = 0; i < j; i++)
                    {
                        acc += dots[i] * y[o + i];
                    }

                    y[o + j] -= acc;
                }
            }

            double norm = 0;
            for (int r = 0; r < n; r++)
            {
                norm += y[(r * l) + j] * y[(r * l) + j];
            }

            norm = Math.Sqrt(norm);
            double scale = norm > 1e-12 ? 1 / norm : 0;
            for (int r = 0; r < n; r++)
            {
                y[(r * l) + j] *= scale;
            }
        }
    }
}
