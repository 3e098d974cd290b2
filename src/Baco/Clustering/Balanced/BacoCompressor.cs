using System.Diagnostics;
using Baco.Clustering.Budget;
using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering.Balanced;

/// <summary>One BACO run at a fixed gamma: the co-clustering and the codebook assignment made from it.</summary>
/// <param name="Clusters">Labels, objective and pass statistics.</param>
/// <param name="Assignment">Codebook rows per user and item.</param>
/// <param name="SecondaryUsers">Users that received a secondary row.</param>
/// <param name="RehomedUsers">Users moved out of an oversized co-cluster (<see cref="BacoOptions.RehomeAbove"/>).</param>
/// <param name="SecondaryItems">Items that received a secondary row (<see cref="BacoOptions.SecondaryItemClusters"/>).</param>
public sealed record BacoRun(CoClustering Clusters, CodebookAssignment Assignment, int SecondaryUsers, int RehomedUsers = 0, int SecondaryItems = 0)
{
    /// <summary>Items moved out of an oversized co-cluster (<see cref="BacoOptions.RehomeItemsAbove"/>).</summary>
    public int RehomedItems { get; init; }
}

/// <summary>
/// BACO: balanced co-clustering of users and items (Jiang, Yang and Wu, SIGIR 2026), as
/// specified in docs/METHOD.md. With a parameter budget it searches gamma (bracketing, then
/// log-space interpolation and bisection via <see cref="KnobSearch"/>) for the largest table
/// within the budget (docs/METHOD.md, "Meeting a budget").
/// </summary>
public sealed class BacoCompressor : ICompressionMethod
{
    /// <summary>With a budget, the most passes the search may use, as a multiple of T.</summary>
    public const int MaxPassesFactor = 8;

    /// <summary>Creates the method with the given options; null: <see cref="BacoOptions"/>'s defaults, which are not the paper's settings (those are <see cref="BacoOptions.Paper"/>).</summary>
    public BacoCompressor(BacoOptions? options = null)
    {
        Options = options ?? new BacoOptions();
        Options.Validate();
    }

    /// <inheritdoc/>
    public string Name => "baco";

    /// <summary>The hyperparameters.</summary>
    public BacoOptions Options { get; }

    /// <summary>Runs the solver once at gamma, then numbers codebook rows.</summary>
    public BacoRun Run(BipartiteGraph graph, double gamma, int seed = 0, int? stopRows = null, IProgress<string>? progress = null)
        => new Session(graph, Options).Run(gamma, Options.Passes, seed, stopRows ?? Options.StopRows, progress);

    /// <inheritdoc/>
    public CompressionResult Compress(BipartiteGraph graph, CompressionTarget target, CompressionContext context)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var session = new Session(graph, Options);
        BacoRun chosen;
        int runs = 1;
        long? budget = target.BudgetParameters(graph.UserCount, graph.ItemCount, context.Dim);
        if (budget is not long b)
        {
            chosen = session.Run(target.Value, Options.Passes, context.Seed, Options.StopRows, context.Progress);
        }
        else
        {
            // Label propagation that has not settled after T passes can stay above the budget at
            // every gamma (seed-dependent: one Beauty seed in five at 9,000 rows). Rather than fail,
            // search again with doubled passes, up to 8T; the summary's "passes" says what was used.
            runs = 0;
            BacoRun? best = null;
            for (int passes = Options.Passes; best is null && passes <= MaxPassesFactor * Options.Passes; passes *= 2)
            {
                if (passes > Options.Passes)
                {
                    context.Progress?.Report($"{passes / 2} passes cannot reach the budget at any gamma; searching again with {passes} passes");
                }

                best = SearchBudget(graph, session, passes, b, context, ref runs);
            }

            chosen = best ?? throw new BudgetUnreachableException(
                $"BACO cannot fit {graph.UserCount:N0} users and {graph.ItemCount:N0} items into a budget of {b:N0} parameters " +
                $"at dim {context.Dim}: even the smallest table it reached is larger. Raise the budget, or the dimension: the indices beyond one per entity count as parameters and weigh more at a smaller dimension.");
        }

        // A row stop the passes never reached did nothing: say so rather than let it pass for a cap.
        if (Options.StopRows is int stop && !chosen.Clusters.StoppedEarly && chosen.Clusters.Passes is [.., var last]
            && last.UserRows + last.ItemRows > stop)
        {
            context.Progress?.Report($"the row stop ({stop:N0} rows) was not reached: {chosen.Clusters.Passes.Count} pass{(chosen.Clusters.Passes.Count == 1 ? "" : "es")} ended at {last.UserRows + last.ItemRows:N0} user and item rows; more passes or a smaller gamma merge more");
        }

        double seconds = clock.Elapsed.TotalSeconds;
        return new CompressionResult(chosen.Assignment, chosen.Clusters.Gamma, seconds, Describe(graph, chosen, runs));
    }

    /// <summary>
    /// Searches gamma for the largest table within budget <paramref name="b"/> with T =
    /// <paramref name="passes"/>; null when no gamma gets under it.
    /// </summary>
    private BacoRun? SearchBudget(BipartiteGraph graph, Session session, int passes, long b, CompressionContext context, ref int runs)
    {
        // Search gamma on natural T-pass runs (no early stop), so the table size is gamma's doing.
        double smallestTried = double.PositiveInfinity;
        int tried = 0;
        KnobSearchResult<BacoRun>? search = null;
        try
        {
            search = KnobSearch.Search(
                gamma =>
                {
                    smallestTried = Math.Min(smallestTried, gamma);
                    tried++;
                    var r = session.Run(gamma, passes, context.Seed, Options.StopRows, null);
                    context.Progress?.Report($"gamma {gamma:G5}: {r.Assignment.TotalRows:N0} rows, {r.Assignment.Parameters(context.Dim):N0} parameters");
                    return r;
                },
                r => r.Assignment.Parameters(context.Dim),
                b,
                initial: 1.0,
                min: 1e-6,
                max: 1e9);
        }
        catch (BudgetUnreachableException)
        {
            // T passes never get this small on their own; the row budget below may.
        }

        // Counted as they run, so that a search that found nothing still counts in "search runs".
        runs += tried;

        BacoRun? best = search?.Result;
        if (search is not { WithinTolerance: true })
        {
            // The size jumps across the tolerance band between two gammas, or never gets small
            // enough. At the best gamma under the budget (or the smallest tried) the row count
            // falls through the budget during the passes, so stopping there lands on it; the
            // row budget reserves one index per connected user for secondary rows (the
            // authors' rule), which keeps the run within the budget by construction.
            long reserve = (Options.SecondaryUserClusters ? CountConnected(graph.UserOffsetArray) : 0)
                + (Options.SecondaryItemClusters ? CountConnected(graph.ItemOffsetArray) : 0);
            double gamma = search?.Knob ?? smallestTried;
            int collapsed = Options.Isolated == IsolatedPolicy.SharedColdRow
                ? CollapsedIsolated(graph.UserOffsetArray) + CollapsedIsolated(graph.ItemOffsetArray)
                : 0;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                int stop = FallbackStop(b, reserve, context.Dim, collapsed, Options.StopRows);
                var capped = session.Run(gamma, passes, context.Seed, stop, null);
                runs++;
                long p = capped.Assignment.Parameters(context.Dim);
                if (p <= b && (best is null || p > best.Assignment.Parameters(context.Dim)))
                {
                    best = capped;
                }

                // Reserving an index for every user is pessimistic: retry with the extra
                // indices this run actually used, as long as that frees whole rows.
                if (p > b || p >= (1 - CompressionTarget.Tolerance) * b || capped.Assignment.ExtraIndices >= reserve
                    || FallbackStop(b, capped.Assignment.ExtraIndices, context.Dim, collapsed, Options.StopRows) <= stop)
                {
                    break;
                }

                reserve = capped.Assignment.ExtraIndices;
            }
        }

        return best;
    }

    private static CompressionStats Describe(BipartiteGraph graph, BacoRun run, int searchRuns)
    {
        var c = run.Clusters;
        int space = graph.UserCount + graph.ItemCount;
        int[] sizes = ClusterDiagnostics.CoClusterSizes(c.UserLabels, c.ItemLabels, space);
        return new CompressionStats
        {
            ObjectiveQ = c.Objective,
            Passes = c.Passes.Count,
            StoppedEarly = c.StoppedEarly,
            SecondaryUsers = run.SecondaryUsers,
            SecondaryItems = run.SecondaryItems > 0 ? run.SecondaryItems : null,
            SearchRuns = searchRuns,
            CoClusters = sizes.Length,
            Gini = ClusterDiagnostics.Gini(sizes),
            Accl = ClusterDiagnostics.Accl(graph, c.UserLabels, c.ItemLabels, sizes.Length),

            // Only when the experimental option acted, so other runs' summaries are as before.
            RehomedUsers = run.RehomedUsers > 0 ? run.RehomedUsers : null,
            RehomedItems = run.RehomedItems > 0 ? run.RehomedItems : null,
        };
    }

    /// <summary>
    /// The fallback run's row stop, in the solver's count: the rows the budget <paramref name="b"/>
    /// leaves after <paramref name="reserve"/> extra indices (at least 1), plus the rows that
    /// <paramref name="collapsed"/> isolated entities hold in the solver but not in the table (with
    /// a shared cold row, all isolated entities of a side become one row), at most
    /// <paramref name="stopRows"/> (the user's stop, already in the solver's count).
    /// </summary>
    internal static int FallbackStop(long b, long reserve, int dim, int collapsed, int? stopRows)
        => (int)Math.Min(Math.Max(1, (b - reserve) / dim) + collapsed, stopRows ?? int.MaxValue);

    /// <summary>Isolated entities of a side beyond the first: rows the solver counts that a shared cold row folds away.</summary>
    private static int CollapsedIsolated(int[] offsets) => Math.Max(0, offsets.Length - 1 - CountConnected(offsets) - 1);

    private static int CountConnected(int[] offsets)
    {
        int n = 0;
        for (int x = 0; x + 1 < offsets.Length; x++)
        {
            if (offsets[x + 1] > offsets[x])
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Weights and solver buffers shared by the runs of one gamma search.</summary>
    private sealed class Session
    {
        private readonly BipartiteGraph _graph;
        private readonly BacoOptions _options;
        private readonly double[] _userWeight;
        private readonly double[] _itemWeight;
        private readonly LabelPropagationSolver _solver;

        public Session(BipartiteGraph graph, BacoOptions options)
        {
            _graph = graph;
            _options = options;
            _userWeight = NodeWeights.ForUsers(graph, options.UserWeights);
            _itemWeight = NodeWeights.ForItems(graph, options.ItemWeights);
            _solver = new LabelPropagationSolver(graph, _userWeight, _itemWeight);
        }

        public BacoRun Run(double gamma, int passes, int seed, int? stopRows, IProgress<string>? progress)
        {
            if (!(gamma > 0) || double.IsInfinity(gamma))
            {
                throw new InvalidSettingException("Knob", $"gamma {gamma} must be a positive finite number");
            }

            var clusters = _solver.Run(gamma, passes, _options.MoveRule, stopRows, (ulong)seed, progress);
            int[]? secondary = _options.SecondaryUserClusters
                ? SecondaryClusters.Compute(_graph.UserOffsetArray, _graph.UserItemArray, clusters.UserLabels, clusters.ItemLabels, _userWeight,
                    _solver.ItemVolumes, _solver.UserCounts, gamma)
                : null;
            int[] userLabels = clusters.UserLabels;
            int moved = 0;
            if (_options.RehomesUsers())
            {
                (userLabels, secondary, moved) = GiantClusterRehoming.Apply(_graph.UserOffsetArray, userLabels, secondary!, _options.RehomeAbove);
            }

            int[]? secondaryItems = _options.SecondaryItemClusters || _options.RehomeItemsAbove > 0
                ? SecondaryClusters.Compute(_graph.ItemOffsetArray, _graph.ItemUserArray, clusters.ItemLabels, clusters.UserLabels, _itemWeight,
                    _solver.UserVolumes, _solver.ItemCounts, gamma)
                : null;
            int[] itemLabels = clusters.ItemLabels;
            int movedItems = 0;
            if (_options.RehomeItemsAbove > 0)
            {
                (itemLabels, secondaryItems, movedItems) = GiantClusterRehoming.Apply(_graph.ItemOffsetArray, itemLabels, secondaryItems!, _options.RehomeItemsAbove);

                // The secondary labels only served the move unless items keep second rows.
                secondaryItems = _options.SecondaryItemClusters ? secondaryItems : null;
            }

            if (_options.FollowUpRoundActs())
            {
                (userLabels, secondary, _) = FollowItems(userLabels, secondary!, itemLabels, gamma);

                // A user may move in both rounds: count users, not moves.
                moved = CountChanged(clusters.UserLabels, userLabels);
            }

            var assignment = CoClusterNumbering.Build("baco", _graph, userLabels, itemLabels, secondary, _options.Isolated == IsolatedPolicy.SharedColdRow, secondaryItems);
            assignment = assignment with { FoldIn = MakeFoldIn(assignment, gamma) };
            return new BacoRun(clusters, assignment, CountGiven(secondary), moved, CountGiven(secondaryItems)) { RehomedItems = movedItems };
        }

        /// <summary>
        /// The follow-up round of user rehoming: the users' best other co-cluster is computed
        /// again over the items' labels after they moved, with the item volumes and user counts
        /// of those labels, and users left in an oversized co-cluster without a secondary one move there.
        /// </summary>
        private (int[] Users, int[] Secondary, int Moved) FollowItems(int[] userLabels, int[] secondary, int[] itemLabels, double gamma)
        {
            int labels = _solver.ItemVolumes.Length;
            var itemVolumes = new double[labels];
            for (int i = 0; i < itemLabels.Length; i++)
            {
                itemVolumes[itemLabels[i]] += _itemWeight[i];
            }

            // Connected users only: a label held by an isolated user alone has no row of its own.
            var userCounts = new int[labels];
            int[] offsets = _graph.UserOffsetArray;
            for (int u = 0; u < userLabels.Length; u++)
            {
                if (offsets[u + 1] > offsets[u])
                {
                    userCounts[userLabels[u]]++;
                }
            }

            int[] candidates = SecondaryClusters.Compute(_graph.UserOffsetArray, _graph.UserItemArray, userLabels, itemLabels, _userWeight,
                itemVolumes, userCounts, gamma);
            return GiantClusterRehoming.Follow(_graph.UserOffsetArray, userLabels, secondary, candidates, _options.RehomeAbove);
        }

        private static int CountChanged(int[] before, int[] after)
        {
            int n = 0;
            for (int k = 0; k < before.Length; k++)
            {
                n += before[k] != after[k] ? 1 : 0;
            }

            return n;
        }

        /// <summary>Entities with a secondary label (-1: none).</summary>
        private static int CountGiven(int[]? secondary) => secondary?.Count(s => s >= 0) ?? 0;

        /// <summary>The volumes of every row's label (primary codes only: a secondary row adds no volume).</summary>
        private BacoFoldIn MakeFoldIn(CodebookAssignment a, double gamma)
        {
            var userVolumes = new double[a.Users.RowCount];
            for (int u = 0; u < _graph.UserCount; u++)
            {
                userVolumes[a.Users.CodeArray[a.Users.OffsetArray[u]]] += _userWeight[u];
            }

            var itemVolumes = new double[a.Items.RowCount];
            for (int i = 0; i < _graph.ItemCount; i++)
            {
                itemVolumes[a.Items.CodeArray[a.Items.OffsetArray[i]]] += _itemWeight[i];
            }

            return new BacoFoldIn(gamma, _options.UserWeights, _options.ItemWeights, _options.MoveRule, _options.SecondaryUserClusters,
                NodeWeights.Scale(_graph.UserOffsetArray, _options.UserWeights), NodeWeights.Scale(_graph.ItemOffsetArray, _options.ItemWeights),
                userVolumes, itemVolumes, _options.SecondaryItemClusters);
        }
    }
}
