using Baco.Codebooks;

using Baco.Numerics;

using Baco.Randomness;

namespace Baco.Models;

/// <summary>
/// One side's compressed embedding table: a codebook (rows x dim, row-major) and the
/// assignment of entities to rows. An entity's embedding is the mean (or sum) of its rows;
/// the gradient of a row is the weighted sum of its entities' gradients, computed as a gather
/// over a reverse index so it is deterministic under any thread split.
/// </summary>
public sealed class CompressedEmbedding
{
    private readonly int[] _rowOffsets;   // reverse index: row -> entities
    private readonly int[] _rowEntities;
    private readonly float[] _rowWeights;

    /// <summary>Creates the table over an existing codebook array (not copied).</summary>
    public CompressedEmbedding(SideAssignment assignment, CodeCombiner combiner, int dim, float[] codebook)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        if (codebook.Length != (long)assignment.RowCount * dim)
        {
            throw new ArgumentException($"Codebook has {codebook.Length} values, expected {assignment.RowCount} x {dim}.", nameof(codebook));
        }

        Assignment = assignment;
        Combiner = combiner;
        Dim = dim;
        Codebook = codebook;
        IsIdentity = CheckIdentity(assignment);

        int rows = assignment.RowCount;
        _rowOffsets = new int[rows + 1];
        foreach (int c in assignment.Codes)
        {
            _rowOffsets[c + 1]++;
        }

        for (int r = 0; r < rows; r++)
        {
            _rowOffsets[r + 1] += _rowOffsets[r];
        }

        _rowEntities = new int[assignment.Codes.Length];
        _rowWeights = new float[assignment.Codes.Length];
        var cursor = (int[])_rowOffsets.Clone();
        for (int e = 0; e < assignment.EntityCount; e++)
        {
            var codes = assignment.CodesOf(e);
            float w = Weight(codes.Length);
            foreach (int c in codes)
            {
                int k = cursor[c]++;
                _rowEntities[k] = e;
                _rowWeights[k] = w;
            }
        }
    }

    /// <summary>The assignment.</summary>
    public SideAssignment Assignment { get; }

    /// <summary>Mean or sum.</summary>
    public CodeCombiner Combiner { get; }

    /// <summary>Embedding width.</summary>
    public int Dim { get; }

    /// <summary>Codebook, RowCount x Dim row-major (the trainable parameter).</summary>
    public float[] Codebook { get; }

    /// <summary>Number of entities.</summary>
    public int EntityCount => Assignment.EntityCount;

    /// <summary>True when entity e owns row e alone (the full model): lookups are copies.</summary>
    public bool IsIdentity { get; }

    /// <summary>Writes every entity's embedding to dst[offset + e*Dim ...].</summary>
    public void LookupAll(float[] dst, int offset)
    {
        if (IsIdentity)
        {
            Array.Copy(Codebook, 0, dst, offset, Codebook.Length);
            return;
        }

        BlockParallel.For(EntityCount, 2048, (from, to) =>
        {
            for (int e = from; e < to; e++)
            {
                LookupOne(e, dst.AsSpan(offset + (e * Dim), Dim));
            }
        });
    }

    /// <summary>Writes the embeddings of the listed entities only.</summary>
    public void LookupRows(ReadOnlySpan<int> entities, float[] dst, int offset)
    {
        foreach (int e in entities)
        {
            LookupOne(e, dst.AsSpan(offset + (e * Dim), Dim));
        }
    }

    /// <summary>One entity's embedding.</summary>
    public void LookupOne(int entity, Span<float> dst) => LookupCodes(Assignment.CodesOf(entity), dst);

    /// <summary>The embedding of an entity with the given codes (rows of this codebook), combined as every entity's.</summary>
    public void LookupCodes(ReadOnlySpan<int> codes, Span<float> dst)
    {
        float w = Weight(codes.Length);
        Codebook.AsSpan(codes[0] * Dim, Dim).CopyTo(dst);
        for (int k = 1; k < codes.Length; k++)
        {
            VectorMath.Axpy(1f, Codebook.AsSpan(codes[k] * Dim, Dim), dst);
        }

        if (w != 1f)
        {
            VectorMath.Scale(w, dst);
        }
    }

    /// <summary>
    /// Codebook gradient from a dense entity gradient (src[offset + e*Dim ...]); overwrites
    /// <paramref name="codebookGrad"/>.
    /// </summary>
    public void GradientAll(float[] src, int offset, float[] codebookGrad)
    {
        if (IsIdentity)
        {
            Array.Copy(src, offset, codebookGrad, 0, codebookGrad.Length);
            return;
        }

        BlockParallel.For(Assignment.RowCount, 1024, (from, to) =>
        {
            for (int r = from; r < to; r++)
            {
                var dst = codebookGrad.AsSpan(r * Dim, Dim);
                dst.Clear();
                for (int k = _rowOffsets[r]; k < _rowOffsets[r + 1]; k++)
                {
                    VectorMath.Axpy(_rowWeights[k], src.AsSpan(offset + (_rowEntities[k] * Dim), Dim), dst);
                }
            }
        });
    }

    /// <summary>
    /// Codebook gradient when only the listed (distinct) entities have a nonzero gradient;
    /// overwrites <paramref name="codebookGrad"/>. Sequential in list order, so deterministic.
    /// </summary>
    public void GradientRows(ReadOnlySpan<int> entities, float[] src, int offset, float[] codebookGrad)
    {
        Array.Clear(codebookGrad);
        foreach (int e in entities)
        {
            var codes = Assignment.CodesOf(e);
            float w = Weight(codes.Length);
            var g = src.AsSpan(offset + (e * Dim), Dim);
            foreach (int c in codes)
            {
                VectorMath.Axpy(w, g, codebookGrad.AsSpan(c * Dim, Dim));
            }
        }
    }

    /// <summary>Fills a codebook with the chosen seeded initial values.</summary>
    internal static void Initialize(float[] codebook, int rows, int dim, EmbeddingInit init, double normalStd, Xoshiro256 rng)
    {
        if (init == EmbeddingInit.Normal)
        {
            for (int k = 0; k < codebook.Length; k++)
            {
                codebook[k] = (float)(normalStd * rng.NextGaussian());
            }
        }
        else
        {
            double bound = Math.Sqrt(6.0 / (rows + dim));
            for (int k = 0; k < codebook.Length; k++)
            {
                codebook[k] = (float)(((2.0 * rng.NextDouble()) - 1.0) * bound);
            }
        }
    }

    private float Weight(int count) => Combiner == CodeCombiner.Mean && count > 1 ? 1f / count : 1f;

    private static bool CheckIdentity(SideAssignment a)
    {
        if (a.RowCount != a.EntityCount || a.Codes.Length != a.EntityCount)
        {
            return false;
        }

        for (int e = 0; e < a.EntityCount; e++)
        {
            if (a.Codes[e] != e)
            {
                return false;
            }
        }

        return true;
    }
}
