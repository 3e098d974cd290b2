using Baco.Clustering.Spectral;

namespace Baco.Tests.Clustering.Spectral;

public sealed class LinearAlgebraTests
{
    private sealed class Dense(double[] a, int rows, int cols) : ILinearOperator
    {
        public int Rows => rows;

        public int Cols => cols;

        public void Apply(double[] x, double[] y, int r)
        {
            Array.Clear(y);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    for (int c = 0; c < r; c++)
                    {
                        y[(i * r) + c] += a[(i * cols) + j] * x[(j * r) + c];
                    }
                }
            }
        }

        public void ApplyTranspose(double[] x, double[] y, int r)
        {
            Array.Clear(y);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    for (int c = 0; c < r; c++)
                    {
                        y[(j * r) + c] += a[(i * cols) + j] * x[(i * r) + c];
                    }
                }
            }
        }
    }

    private static double[] RandomMatrix(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var a = new double[rows * cols];
        for (int k = 0; k < a.Length; k++)
        {
            a[k] = rng.NextDouble() - 0.5;
        }

        return a;
    }

    /// <summary>Reference singular values: square roots of the Jacobi eigenvalues of A^T A.</summary>
    private static double[] ReferenceSingularValues(double[] a, int rows, int cols)
    {
        var ata = new double[cols * cols];
        for (int p = 0; p < cols; p++)
        {
            for (int q = 0; q < cols; q++)
            {
                for (int i = 0; i < rows; i++)
                {
                    ata[(p * cols) + q] += a[(i * cols) + p] * a[(i * cols) + q];
                }
            }
        }

        return [.. JacobiEigen.Decompose(ata, cols).Values.Select(v => Math.Sqrt(Math.Max(v, 0)))];
    }

    [Fact]
    public void JacobiFindsKnownEigenpairs()
    {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1) and (1, -1) / sqrt 2.
        var (values, vectors) = JacobiEigen.Decompose([2, 1, 1, 2], 2);
        Assert.Equal(3, values[0], 12);
        Assert.Equal(1, values[1], 12);
        Assert.Equal(Math.Abs(vectors[0]), Math.Abs(vectors[2]), 12);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(vectors[0]), 12);
    }

    [Fact]
    public void PowerMethodAgreesWithJacobiOnTheTopValue()
    {
        // An independent check of the reference itself: power iteration on A^T A.
        var a = RandomMatrix(30, 20, 1);
        var op = new Dense(a, 30, 20);
        var v = new double[20];
        Array.Fill(v, 1.0);
        var u = new double[30];
        double sigma = 0;
        for (int it = 0; it < 2000; it++)
        {
            op.Apply(v, u, 1);
            op.ApplyTranspose(u, v, 1);
            double norm = Math.Sqrt(v.Sum(x => x * x));
            sigma = Math.Sqrt(norm);
            for (int j = 0; j < 20; j++)
            {
                v[j] /= norm;
            }
        }

        Assert.Equal(ReferenceSingularValues(a, 30, 20)[0], sigma, 8);
    }

    [Fact]
    public void RandomizedSvdMatchesDenseReference()
    {
        var a = RandomMatrix(30, 20, 2);
        var reference = ReferenceSingularValues(a, 30, 20);
        var op = new Dense(a, 30, 20);

        // Full sketch (5 + 15 = 20 columns spans the row space): exact up to rounding.
        var (s, u, v) = RandomizedSvd.Compute(op, 5, 15, 0, 9);
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(reference[k], s[k], 9);
        }

        // A v_k = s_k u_k, and U has orthonormal columns.
        var av = new double[30 * 5];
        op.Apply(v, av, 5);
        for (int i = 0; i < 30; i++)
        {
            for (int k = 0; k < 5; k++)
            {
                Assert.Equal(s[k] * u[(i * 5) + k], av[(i * 5) + k], 9);
            }
        }

        for (int p = 0; p < 5; p++)
        {
            for (int q = 0; q < 5; q++)
            {
                double dot = Enumerable.Range(0, 30).Sum(i => u[(i * 5) + p] * u[(i * 5) + q]);
                Assert.Equal(p == q ? 1.0 : 0.0, dot, 9);
            }
        }

        // A partial sketch with power iterations still finds the top values closely.
        var (s2, _, _) = RandomizedSvd.Compute(op, 3, 5, 6, 4);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(reference[k], s2[k], 2);
        }
    }

    [Fact]
    public void KMeansSeparatesThreeBlobs()
    {
        var rng = new Random(3);
        var centres = new[] { (0.0, 0.0), (10.0, 0.0), (0.0, 10.0) };
        var points = new double[300 * 2];
        for (int p = 0; p < 300; p++)
        {
            points[2 * p] = centres[p % 3].Item1 + rng.NextDouble();
            points[(2 * p) + 1] = centres[p % 3].Item2 + rng.NextDouble();
        }

        int[] labels = KMeans.Run(points, 300, 2, 3, 17, 30, out _);
        for (int p = 3; p < 300; p++)
        {
            Assert.Equal(labels[p % 3], labels[p]);
        }

        Assert.Equal(3, labels.Distinct().Count());
    }

    [Fact]
    public void AcceleratedLloydConvergesToAFixedPoint()
    {
        // 900 points, 6 dimensions, k = 60 > 33, so the 32-nearest-centre candidate test is used.
        // At convergence every point must be nearest to the mean of its own cluster.
        var rng = new Random(5);
        const int n = 900, d = 6, k = 60;
        var points = new double[n * d];
        for (int p = 0; p < n; p++)
        {
            int blob = p % 15;
            for (int j = 0; j < d; j++)
            {
                points[(p * d) + j] = (((blob * 7) + (j * 3)) % 11) + (rng.NextDouble() * 2);
            }
        }

        int[] labels = KMeans.Run(points, n, d, k, 8, 500, out int iterations);
        Assert.True(iterations < 500);
        var means = new double[k * d];
        var counts = new int[k];
        for (int p = 0; p < n; p++)
        {
            counts[labels[p]]++;
            for (int j = 0; j < d; j++)
            {
                means[(labels[p] * d) + j] += points[(p * d) + j];
            }
        }

        double Dist(int p, int c) => Enumerable.Range(0, d).Sum(j => Math.Pow(points[(p * d) + j] - (means[(c * d) + j] / counts[c]), 2));
        for (int p = 0; p < n; p++)
        {
            double own = Dist(p, labels[p]);
            double best = Enumerable.Range(0, k).Where(c => counts[c] > 0).Min(c => Dist(p, c));
            Assert.True(own <= best + 1e-4, $"point {p}: own {own}, best {best}");
        }
    }
}
