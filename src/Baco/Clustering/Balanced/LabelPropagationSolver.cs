using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Baco.Graph;

using Baco.Randomness;

namespace Baco.Clustering.Balanced;

/// <summary>
/// BACO's label propagation with balance-aware gains (docs/METHOD.md, "The solver").
/// Sequential on purpose: a node's move changes the volumes its successors see, and the method
/// (and its objective guarantee per move) is defined by that asynchronous order.
/// </summary>
internal sealed class LabelPropagationSolver
{
    private readonly BipartiteGraph _graph;
    private readonly double[] _userWeight;
    private readonly double[] _itemWeight;
    private readonly int _users;
    private readonly int[] _label;       // joint space: users 0..U-1, items U..U+I-1
    private readonly double[] _volumeU;  // W_U[label]
    private readonly double[] _volumeI;  // W_I[label]
    private readonly int[] _countU;      // users holding the label
    private readonly int[] _countI;      // items holding the label
    private readonly int[] _acc;         // interactions from the current node into each label
    private readonly int[] _touched;     // labels with acc > 0 for the current node
    private int _userRows;
    private int _itemRows;

    public LabelPropagationSolver(BipartiteGraph graph, double[] userWeight, double[] itemWeight)
    {
        _graph = graph;
        _userWeight = userWeight;
        _itemWeight = itemWeight;
        _users = graph.UserCount;
        int n = graph.UserCount + graph.ItemCount;
        _label = new int[n];
        _volumeU = new double[n];
        _volumeI = new double[n];
        _countU = new int[n];
        _countI = new int[n];
        _acc = new int[n];
        int maxDegree = 0;
        for (int u = 0; u < graph.UserCount; u++)
        {
            maxDegree = Math.Max(maxDegree, graph.UserDegree(u));
        }

        for (int i = 0; i < graph.ItemCount; i++)
        {
            maxDegree = Math.Max(maxDegree, graph.ItemDegree(i));
        }

        _touched = new int[Math.Max(1, maxDegree)];
    }

    public CoClustering Run(double gamma, int passes, MoveRule rule, int? stopRows, ulong seed, IProgress<string>? progress)
    {
        Reset();
        int users = _users;
        int n = _label.Length;
        var order = new int[n];
        for (int x = 0; x < n; x++)
        {
            order[x] = x;
        }

        var rng = new Xoshiro256(seed);
        var stats = new List<PassStats>(passes);
        bool stopped = stopRows is { } limit0 && _userRows + _itemRows <= limit0;
        for (int pass = 1; pass <= passes && !stopped; pass++)
        {
            rng.Shuffle(order);
            int moves = 0;
            foreach (int x in order)
            {
                if (MoveNode(x, gamma, rule))
                {
                    moves++;
                    if (stopRows is { } limit && _userRows + _itemRows <= limit)
                    {
                        stopped = true;
                        break;
                    }
                }
            }

            // Q costs a sweep over all edges, so per-pass values are computed only when someone watches.
            var s = new PassStats(pass, moves, _userRows, _itemRows, progress is null ? double.NaN : Objective(gamma));
            stats.Add(s);
            progress?.Report($"pass {pass}: {moves:N0} moves, {s.UserRows:N0} user rows + {s.ItemRows:N0} item rows, Q = {s.Objective:F2}");
            if (moves == 0)
            {
                break;
            }
        }

        double q = stats.Count > 0 && !double.IsNaN(stats[^1].Objective) ? stats[^1].Objective : Objective(gamma);
        var userLabels = _label.AsSpan(0, users).ToArray();
        var itemLabels = _label.AsSpan(users).ToArray();
        return new CoClustering(userLabels, itemLabels, gamma, q, stats, stopped);
    }

    /// <summary>Puts every node in its own cluster (label = node id).</summary>
    internal void Reset()
    {
        int users = _users;
        int n = _label.Length;
        for (int x = 0; x < n; x++)
        {
            _label[x] = x;
            bool isUser = x < users;
            _volumeU[x] = isUser ? _userWeight[x] : 0;
            _volumeI[x] = isUser ? 0 : _itemWeight[x - users];
            _countU[x] = isUser ? 1 : 0;
            _countI[x] = isUser ? 0 : 1;
        }

        _userRows = users;
        _itemRows = _graph.ItemCount;
    }

    /// <summary>Labels in the joint space (users first, then items).</summary>
    internal ReadOnlySpan<int> Labels => _label;

    /// <summary>Distinct labels held by users.</summary>
    internal int UserRows => _userRows;

    /// <summary>Distinct labels held by items.</summary>
    internal int ItemRows => _itemRows;

    /// <summary>Volumes per label after <see cref="Run"/>: used by the secondary-cluster pass.</summary>
    internal ReadOnlySpan<double> ItemVolumes => _volumeI;

    /// <summary>Users per label after <see cref="Run"/>.</summary>
    internal ReadOnlySpan<int> UserCounts => _countU;

    /// <summary>User volumes per label after <see cref="Run"/>: used by the secondary item pass.</summary>
    internal ReadOnlySpan<double> UserVolumes => _volumeU;

    /// <summary>Items per label after <see cref="Run"/>.</summary>
    internal ReadOnlySpan<int> ItemCounts => _countI;

    /// <summary>Visits node x (joint id) once: moves it per the rule and returns whether it moved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool MoveNode(int x, double gamma, MoveRule rule)
    {
        bool isUser = x < _users;
        ReadOnlySpan<int> neighbours;
        int offset;
        double wx;
        double[] otherVolume;
        if (isUser)
        {
            neighbours = _graph.ItemsOf(x);
            offset = _users;
            wx = _userWeight[x];
            otherVolume = _volumeI;
        }
        else
        {
            neighbours = _graph.UsersOf(x - _users);
            offset = 0;
            wx = _itemWeight[x - _users];
            otherVolume = _volumeU;
        }

        if (neighbours.IsEmpty)
        {
            return false;
        }

        // Bounds checks are skipped in the two hot loops: every neighbour id is < the side's size
        // (checked when the graph was built), labels are node ids < n, and acc / volumes have n entries.
        ref int label = ref MemoryMarshal.GetArrayDataReference(_label);
        ref int acc = ref MemoryMarshal.GetArrayDataReference(_acc);
        ref int touched = ref MemoryMarshal.GetArrayDataReference(_touched);
        ref double volume = ref MemoryMarshal.GetArrayDataReference(otherVolume);
        // Branch-free append of a label met for the first time: whether it is new is data-dependent
        // and mispredicts often; the write is harmless when t does not advance.
        int t = 0;
        foreach (int y in neighbours)
        {
            int c = Unsafe.Add(ref label, y + offset);
            int before = Unsafe.Add(ref acc, c)++;
            Unsafe.Add(ref touched, t) = c;
            t += before == 0 ? 1 : 0;
        }

        int own = Unsafe.Add(ref label, x);
        double penalty = gamma * wx;
        double ownGain = Unsafe.Add(ref acc, own) - (penalty * Unsafe.Add(ref volume, own));

        // Ties go to the label met first in neighbour order, which is fixed by the graph.
        int best = -1;
        double bestGain = double.NegativeInfinity;
        for (int k = 0; k < t; k++)
        {
            int c = Unsafe.Add(ref touched, k);
            ref int a = ref Unsafe.Add(ref acc, c);
            double g = a - (penalty * Unsafe.Add(ref volume, c));
            a = 0;
            if (g > bestGain)
            {
                bestGain = g;
                best = c;
            }
        }

        if (best == own || (rule == MoveRule.IfBetter && !(bestGain > ownGain)))
        {
            return false;
        }

        _label[x] = best;
        if (isUser)
        {
            _volumeU[own] -= wx;
            _volumeU[best] += wx;
            if (--_countU[own] == 0)
            {
                _userRows--;
            }

            if (_countU[best]++ == 0)
            {
                _userRows++;
            }
        }
        else
        {
            _volumeI[own] -= wx;
            _volumeI[best] += wx;
            if (--_countI[own] == 0)
            {
                _itemRows--;
            }

            if (_countI[best]++ == 0)
            {
                _itemRows++;
            }
        }

        return true;
    }

    /// <summary>Q = (interactions inside co-clusters) - gamma * sum_c W_U[c] W_I[c], summed in fixed order.</summary>
    internal double Objective(double gamma)
    {
        long inside = 0;
        int[] offsets = _graph.UserOffsetArray;
        int[] items = _graph.UserItemArray;
        for (int u = 0; u < _users; u++)
        {
            int lu = _label[u];
            for (int k = offsets[u]; k < offsets[u + 1]; k++)
            {
                if (_label[_users + items[k]] == lu)
                {
                    inside++;
                }
            }
        }

        double penalty = 0;
        for (int c = 0; c < _label.Length; c++)
        {
            penalty += _volumeU[c] * _volumeI[c];
        }

        return inside - (gamma * penalty);
    }
}
