using System.Diagnostics;
using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;
using Baco.Numerics;
using Baco.Randomness;

namespace Baco.Clustering.Community;

/// <summary>
/// Plain label propagation (Raghavan, Albert, Kumara 2007, "Near linear time algorithm to detect
/// community structures in large-scale networks") on the bipartite graph: every node starts with
/// its own label; in each pass, in a fresh seeded random order, a node takes the label most
/// frequent among its neighbours (ties at random, seeded; it keeps its label when that is among
/// the most frequent, which is also the paper's stopping rule). Labels are shared by users and
/// items. LP has no resolution, so the knob is the number of passes: a knob target runs that many
/// passes (or until no label changes); a budget runs passes and stops as soon as the row count
/// (user labels + item labels + cold rows) is within the budget, checked after every move. This
/// early stop replaces <see cref="KnobSearch"/> (one run, exact). Isolated entities: cold rows.
/// </summary>
public sealed class LabelPropagation : ICompressionMethod
{
    /// <summary>Passes run when a budget is given and the early stop has not fired.</summary>
    public const int MaxPasses = 1000;

    /// <inheritdoc/>
    public string Name => "lp";

    /// <inheritdoc/>
    public CompressionResult Compress(BipartiteGraph graph, CompressionTarget target, CompressionContext context)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        long? budget = target.BudgetParameters(graph.UserCount, graph.ItemCount, context.Dim);
        int passes = budget is null ? (int)Math.Max(1, Math.Round(target.Value)) : MaxPasses;
        long targetRows = budget is null ? -1 : budget.Value / context.Dim;
        int[] labels = Propagate(graph, passes, targetRows, context.Seed, out double done, out bool reached);
        if (budget is not null && !reached)
        {
            throw new BudgetUnreachableException(
                $"Label propagation converged above the budget of {budget.Value:N0} parameters ({targetRows:N0} rows).");
        }

        var (users, items) = DenseLabels.Split(labels, graph.UserCount);
        var assignment = CoClusterNumbering.Build(Name, graph, users, items);
        var stats = new CompressionStats
        {
            Passes = done,
            Rows = assignment.TotalRows,
            UserRows = assignment.Users.RowCount,
            ItemRows = assignment.Items.RowCount,
            Modularity = BipartiteModularity.Compute(graph, users, items),
        };
        return new CompressionResult(assignment, done, clock.Elapsed.TotalSeconds, stats);
    }

    /// <summary>
    /// Runs up to <paramref name="passes"/> passes; stops once rows &lt;= targetRows (if positive).
    /// <paramref name="done"/> is the number of passes run, fractional when stopped mid-pass.
    /// </summary>
    internal static int[] Propagate(BipartiteGraph graph, int passes, long targetRows, int seed, out double done, out bool reached)
    {
        var co = CoGraph.FromBipartite(graph);
        int n = co.NodeCount, uc = graph.UserCount;
        var rng = new SplitMix64(SplitMix64.Derive(seed, StreamTag.LabelPropagation));
        var labels = new int[n];
        var userCount = new int[n];
        var itemCount = new int[n];
        int rows = 0;
        bool anyColdUser = false, anyColdItem = false;
        for (int v = 0; v < n; v++)
        {
            labels[v] = v;
            bool isolated = co.Offsets[v + 1] == co.Offsets[v];
            if (isolated)
            {
                anyColdUser |= v < uc;
                anyColdItem |= v >= uc;
                continue;
            }

            (v < uc ? userCount : itemCount)[v]++;
            rows++;
        }

        rows += (anyColdUser ? 1 : 0) + (anyColdItem ? 1 : 0);
        var votes = new SparseAccumulator(n);
        var best = new List<int>();
        done = 0;
        reached = targetRows > 0 && rows <= targetRows;
        for (int pass = 0; pass < passes && !reached; pass++)
        {
            int[] order = rng.Permutation(n);
            int changes = 0;
            for (int k = 0; k < n; k++)
            {
                int v = order[k];
                if (co.Offsets[v + 1] == co.Offsets[v])
                {
                    continue;
                }

                // Vote counts are small integers, exact in doubles.
                votes.Clear();
                double top = 0;
                for (int p = co.Offsets[v]; p < co.Offsets[v + 1]; p++)
                {
                    top = Math.Max(top, votes.Add(labels[co.Targets[p]], 1));
                }

                int own = labels[v];
                if (votes[own] == top)
                {
                    continue;
                }

                best.Clear();
                foreach (int c in votes.Keys)
                {
                    if (votes[c] == top)
                    {
                        best.Add(c);
                    }
                }

                int next = best.Count == 1 ? best[0] : best[rng.NextInt(best.Count)];
                var side = v < uc ? userCount : itemCount;
                if (--side[own] == 0)
                {
                    rows--;
                }

                if (side[next]++ == 0)
                {
                    rows++;
                }

                labels[v] = next;
                changes++;
                if (targetRows > 0 && rows <= targetRows)
                {
                    reached = true;
                    done = pass + ((k + 1.0) / n);
                    break;
                }
            }

            if (!reached)
            {
                done = pass + 1;
            }

            if (changes == 0)
            {
                break;
            }
        }

        return labels;
    }
}
