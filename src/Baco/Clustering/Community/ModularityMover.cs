using Baco.Numerics;

namespace Baco.Clustering.Community;

/// <summary>
/// Community state for bipartite modularity (Barber 2007) on a <see cref="CoGraph"/>, with the
/// gain of moving one node. For node v (degrees ku, kd) and community c not holding v the
/// contribution of joining is w(v, c) - gamma (ku KD_c + kd KU_c) / m, because the null model of
/// Barber's Q pairs user degrees with item degrees only. Staying where one is compares the same
/// expression for v's own community with v removed; an empty community gives 0.
/// </summary>
internal sealed class ModularityMover
{
    private readonly CoGraph _g;
    private readonly double _gamma;
    private readonly SparseAccumulator _weightTo;
    private readonly Stack<int> _empty = new();

    public ModularityMover(CoGraph g, double gamma, int[] initial)
    {
        _g = g;
        _gamma = gamma;
        int n = g.NodeCount;
        Community = (int[])initial.Clone();
        KU = new double[n];
        KD = new double[n];
        Size = new int[n];
        _weightTo = new SparseAccumulator(n);
        for (int v = 0; v < n; v++)
        {
            KU[Community[v]] += g.KU[v];
            KD[Community[v]] += g.KD[v];
            Size[Community[v]]++;
        }

        for (int c = n - 1; c >= 0; c--)
        {
            if (Size[c] == 0)
            {
                _empty.Push(c);
            }
        }
    }

    public int[] Community { get; }

    public double[] KU { get; }

    public double[] KD { get; }

    public int[] Size { get; }

    /// <summary>
    /// Moves v to the community of best gain (ties keep v where it is; otherwise the first
    /// neighbour community in adjacency order). Returns the gain over staying, 0 if v stays.
    /// </summary>
    public double MoveBest(int v)
    {
        int old = Community[v];
        Gather(v);
        double ku = _g.KU[v], kd = _g.KD[v];
        KU[old] -= ku;
        KD[old] -= kd;
        Size[old]--;
        double stay = Gain(old, ku, kd);
        int best = old;
        double bestGain = stay;
        foreach (int c in _weightTo.Keys)
        {
            if (c == old)
            {
                continue;
            }

            double gain = Gain(c, ku, kd);
            if (gain > bestGain + 1e-12)
            {
                best = c;
                bestGain = gain;
            }
        }

        // Alone in a fresh community: contribution 0.
        if (bestGain < -1e-12 && Size[old] > 0 && _empty.Count > 0)
        {
            best = _empty.Pop();
            bestGain = 0;
        }

        KU[best] += ku;
        KD[best] += kd;
        Size[best]++;
        Community[v] = best;
        if (Size[old] == 0 && best != old)
        {
            _empty.Push(old);
        }

        return best == old ? 0 : bestGain - stay;
    }

    /// <summary>Collects w(v, c) for every community c next to v.</summary>
    private void Gather(int v)
    {
        _weightTo.Clear();
        for (int p = _g.Offsets[v]; p < _g.Offsets[v + 1]; p++)
        {
            _weightTo.Add(Community[_g.Targets[p]], _g.Weights[p]);
        }
    }

    private double Gain(int c, double ku, double kd)
        => _weightTo[c] - (_gamma * ((ku * KD[c]) + (kd * KU[c])) / _g.M);
}
