using System.Numerics;
using Baco.Numerics;

namespace Baco.Clustering.Spectral;

/// <summary>
/// The Lloyd iterations of <see cref="KMeans"/> from seeded centres, with Hamerly's bounds and the
/// candidate test described there. Per-point state (label, bounds) and per-centre state (the
/// centres transposed, their norms, their nearest other centres) live here between iterations.
/// </summary>
internal sealed class LloydIterations
{
    private readonly float[] _x;
    private readonly int _n;
    private readonly int _d;
    private readonly float[] _centers;
    private readonly int _k;
    private readonly int _w = Vector<float>.Count;
    private readonly int _kPad;
    private readonly float[] _cs;
    private readonly float[] _cNorm;
    private readonly int[] _label;
    private readonly float[] _upper;
    private readonly float[] _lower;
    private readonly float[] _shift;
    private readonly Vector<int> _lane;
    private readonly int _near;
    private readonly int[] _nearList;
    private readonly float[] _nearRadius;

    /// <summary>Starts from <paramref name="centers"/> (k x d) with each point's nearest seed and squared distance from the seeding.</summary>
    public LloydIterations(float[] x, int n, int d, float[] centers, int k, int[] nearest, float[] d2)
    {
        (_x, _n, _d, _centers, _k) = (x, n, d, centers, k);
        _kPad = (k + _w - 1) / _w * _w;
        _cs = new float[d * _kPad];
        _cNorm = new float[_kPad];
        _label = new int[n];
        _upper = new float[n];
        _lower = new float[n];
        _shift = new float[k];
        var laneIndex = new int[_w];
        for (int t = 0; t < _w; t++)
        {
            laneIndex[t] = t;
        }

        _lane = new Vector<int>(laneIndex);
        _near = Math.Min(KMeans.Near, k - 1);
        _nearList = new int[k * Math.Max(_near, 1)];
        _nearRadius = new float[k];
        Transpose();

        // First assignment: the nearest seed, known from the seeding; no lower bound yet.
        for (int i = 0; i < n; i++)
        {
            _label[i] = nearest[i];
            _upper[i] = MathF.Sqrt(d2[i]);
        }
    }

    /// <summary>Iterates until no centre moves, fewer than 0.1 % of points change, or <paramref name="maxIterations"/>; returns the labels.</summary>
    public int[] Run(int maxIterations, out int iterations)
    {
        int blocks = (_n + KMeans.Block - 1) / KMeans.Block;
        var changedPerBlock = new int[blocks];
        iterations = 0;
        for (int it = 0; it < maxIterations; it++)
        {
            iterations++;
            var (maxShift, secondShift, maxCenter) = MoveCenters();
            if (maxShift == 0)
            {
                break;
            }

            Transpose();
            Neighbours();
            BlockParallel.Blocks(blocks, b => changedPerBlock[b] = AssignBlock(b, maxShift, secondShift, maxCenter));
            int changes = changedPerBlock.Sum();
            if (changes == 0 || changes < _n * 1e-3)
            {
                break;
            }
        }

        return _label;
    }

    /// <summary>New centres from sequential sums over points (fixed order); empty clusters stay put. Returns the largest shift, the second largest, and the centre of the largest.</summary>
    private (float MaxShift, float SecondShift, int MaxCenter) MoveCenters()
    {
        int d = _d;
        var sums = new double[_k * d];
        var counts = new int[_k];
        var fresh = new float[d];
        for (int i = 0; i < _n; i++)
        {
            int c = _label[i];
            counts[c]++;
            for (int j = 0; j < d; j++)
            {
                sums[(c * d) + j] += _x[(i * d) + j];
            }
        }

        float maxShift = 0, secondShift = 0;
        int maxCenter = -1;
        for (int c = 0; c < _k; c++)
        {
            if (counts[c] == 0)
            {
                _shift[c] = 0;
                continue;
            }

            for (int j = 0; j < d; j++)
            {
                fresh[j] = (float)(sums[(c * d) + j] / counts[c]);
            }

            _shift[c] = MathF.Sqrt(KMeans.Distance2(fresh, _centers.AsSpan(c * d, d)));
            fresh.CopyTo(_centers.AsSpan(c * d, d));
            if (_shift[c] > maxShift)
            {
                secondShift = maxShift;
                maxShift = _shift[c];
                maxCenter = c;
            }
            else
            {
                secondShift = Math.Max(secondShift, _shift[c]);
            }
        }

        return (maxShift, secondShift, maxCenter);
    }

    /// <summary>Reassigns the points of block <paramref name="b"/> where the bounds allow a change; returns how many changed.</summary>
    private int AssignBlock(int b, float maxShift, float secondShift, int maxCenter)
    {
        int changed = 0;
        for (int i = b * KMeans.Block; i < Math.Min(_n, (b + 1) * KMeans.Block); i++)
        {
            // The nearest other centre moved at most the largest shift among the others.
            _upper[i] += _shift[_label[i]];
            _lower[i] -= _label[i] == maxCenter ? secondShift : maxShift;
            if (_upper[i] <= _lower[i])
            {
                continue;
            }

            _upper[i] = MathF.Sqrt(KMeans.Distance2(_x.AsSpan(i * _d, _d), _centers.AsSpan(_label[i] * _d, _d)));
            if (_upper[i] <= _lower[i])
            {
                continue;
            }

            int before = _label[i];
            if (_upper[i] <= _nearRadius[before] / 2)
            {
                ScanNear(i);
            }
            else
            {
                Scan(i);
            }

            if (_label[i] != before)
            {
                changed++;
            }
        }

        return changed;
    }

    private void Transpose()
    {
        for (int c = 0; c < _kPad; c++)
        {
            float norm = 0;
            for (int j = 0; j < _d; j++)
            {
                float v = c < _k ? _centers[(c * _d) + j] : 0;
                _cs[(j * _kPad) + c] = v;
                norm += v * v;
            }

            // Padding centres can never win.
            _cNorm[c] = c < _k ? norm : float.MaxValue / 4;
        }
    }

    /// <summary>For each centre, its nearest other centres and the distance to the last of them.</summary>
    private void Neighbours()
    {
        if (_near <= 0)
        {
            return;
        }

        int cBlocks = (_k + 63) / 64;
        BlockParallel.Blocks(cBlocks, cb =>
        {
            var bestD = new float[_near];
            var bestI = new int[_near];
            for (int c = cb * 64; c < Math.Min(_k, (cb + 1) * 64); c++)
            {
                NearestCentres(c, bestD, bestI);
            }
        });
    }

    private void NearestCentres(int c, float[] bestD, int[] bestI)
    {
        int near = _near, w = _w, d = _d, kPad = _kPad;
        Array.Fill(bestD, float.MaxValue);
        var own = _centers.AsSpan(c * d, d);
        for (int j0 = 0; j0 < kPad; j0 += w)
        {
            var dot = Vector<float>.Zero;
            for (int t = 0; t < d; t++)
            {
                dot += new Vector<float>(own[t]) * new Vector<float>(_cs, (t * kPad) + j0);
            }

            var dist = new Vector<float>(_cNorm, j0) - (dot * 2);
            if (!Vector.LessThanAny(dist, new Vector<float>(bestD[near - 1])))
            {
                continue;
            }

            for (int t = 0; t < w; t++)
            {
                int j = j0 + t;
                float dj = dist[t];
                if (j == c || j >= _k || !(dj < bestD[near - 1]))
                {
                    continue;
                }

                int pos = near - 1;
                while (pos > 0 && (bestD[pos - 1] > dj || (bestD[pos - 1] == dj && bestI[pos - 1] > j)))
                {
                    bestD[pos] = bestD[pos - 1];
                    bestI[pos] = bestI[pos - 1];
                    pos--;
                }

                bestD[pos] = dj;
                bestI[pos] = j;
            }
        }

        bestI.CopyTo(_nearList, c * near);

        // All other centres listed: the candidate test always holds.
        _nearRadius[c] = near == _k - 1 ? float.PositiveInfinity : MathF.Sqrt(Math.Max(0, bestD[near - 1] + _cNorm[c]));
    }

    /// <summary>Exact nearest centre among the own centre and its near list (see <see cref="KMeans"/>).</summary>
    private void ScanNear(int i)
    {
        var row = _x.AsSpan(i * _d, _d);
        int own = _label[i];
        float ownDist = _upper[i];
        float best = ownDist * ownDist, second = float.MaxValue;
        int bestC = own;
        for (int t = 0; t < _near; t++)
        {
            int c = _nearList[(own * _near) + t];
            float dist = KMeans.Distance2(row, _centers.AsSpan(c * _d, _d));
            if (dist < best || (dist == best && c < bestC))
            {
                second = best;
                best = dist;
                bestC = c;
            }
            else if (dist < second)
            {
                second = dist;
            }
        }

        _label[i] = bestC;
        _upper[i] = MathF.Sqrt(best);
        _lower[i] = Math.Min(MathF.Sqrt(second), _nearRadius[own] - ownDist);
    }

    /// <summary>Exact nearest and second-nearest centre over all centres, vectorised across centres.</summary>
    private void Scan(int i)
    {
        int w = _w, d = _d, kPad = _kPad;
        var row = _x.AsSpan(i * d, d);
        float xNorm = 0;
        for (int j = 0; j < d; j++)
        {
            xNorm += row[j] * row[j];
        }

        var best = new Vector<float>(float.MaxValue);
        var second = best;
        var bestIdx = Vector<int>.Zero;
        for (int c = 0; c < kPad; c += w)
        {
            var dot = Vector<float>.Zero;
            for (int j = 0; j < d; j++)
            {
                dot += new Vector<float>(row[j]) * new Vector<float>(_cs, (j * kPad) + c);
            }

            var dist = new Vector<float>(_cNorm, c) - (dot * 2);
            var better = Vector.LessThan(dist, best);
            second = Vector.ConditionalSelect(better, best, Vector.Min(second, dist));
            best = Vector.ConditionalSelect(better, dist, best);
            bestIdx = Vector.ConditionalSelect(better, _lane + new Vector<int>(c), bestIdx);
        }

        // Reduce the lanes in a fixed order; ties go to the smaller centre index.
        float b1 = float.MaxValue, b2 = float.MaxValue;
        int bc = 0;
        for (int t = 0; t < w; t++)
        {
            float bt = best[t], st = second[t];
            int it = bestIdx[t];
            if (bt < b1 || (bt == b1 && it < bc))
            {
                b2 = Math.Min(b1, st);
                b1 = bt;
                bc = it;
            }
            else
            {
                b2 = Math.Min(b2, bt);
            }
        }

        _label[i] = bc;
        _upper[i] = MathF.Sqrt(Math.Max(0, b1 + xNorm));
        _lower[i] = MathF.Sqrt(Math.Max(0, b2 + xNorm));
    }
}
