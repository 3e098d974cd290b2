using Baco.Clustering.Balanced;

namespace Baco.Tests.Clustering.Balanced;

/// <summary>
/// A hand-worked pass on users u0, u1 (joint ids 0, 1) and items i0, i1 (joint ids 2, 3),
/// edges u0-i0, u0-i1, u1-i1, cpm weights (1/sqrt 2 on both sides), gamma = 1.
/// </summary>
public class LabelPropagationSolverTests
{
    private static readonly double W = 1 / Math.Sqrt(2);

    private static LabelPropagationSolver NewSolver(out Baco.Graph.BipartiteGraph graph)
    {
        graph = TestGraphs.FromEdges(2, 2, (0, 0), (0, 1), (1, 1));
        var solver = new LabelPropagationSolver(graph, NodeWeights.ForUsers(graph, WeightScheme.Cpm), NodeWeights.ForItems(graph, WeightScheme.Cpm));
        solver.Reset();
        return solver;
    }

    [Fact]
    public void SingletonsHaveObjectiveMinusNothing()
    {
        var solver = NewSolver(out _);
        // Every node alone: no interaction inside a co-cluster, and W_U * W_I = 0 for every label.
        Assert.Equal(0, solver.Objective(1.0), 12);
        Assert.Equal(2, solver.UserRows);
        Assert.Equal(2, solver.ItemRows);
    }

    [Fact]
    public void HandWorkedPassWithAlwaysMove()
    {
        var solver = NewSolver(out _);

        // u0 sees labels 2 (i0) and 3 (i1), each gain 1 - 1 * W * W = 0.5; the tie goes to the first, 2.
        Assert.True(solver.MoveNode(0, 1.0, MoveRule.Always));
        Assert.Equal(2, solver.Labels[0]);

        // i1 sees labels 2 (u0) and 1 (u1), gains 1 - W * W = 0.5 each; first in neighbour order is u0's.
        Assert.True(solver.MoveNode(3, 1.0, MoveRule.Always));
        Assert.Equal(2, solver.Labels[3]);

        // Co-cluster 2 = {u0, i0, i1}: 2 inside edges, penalty W * 2W = 1, so Q = 1.
        Assert.Equal(1.0, solver.Objective(1.0), 12);

        // u1 sees only label 2: gain 1 - W * 2W = 0, equal to staying (0). Always-move moves anyway.
        Assert.True(solver.MoveNode(1, 1.0, MoveRule.Always));
        Assert.Equal(2, solver.Labels[1]);
        Assert.Equal(1, solver.UserRows);
        Assert.Equal(1, solver.ItemRows);

        // One co-cluster of everything: 3 inside edges, penalty 2W * 2W = 2, Q = 1.
        Assert.Equal(1.0, solver.Objective(1.0), 12);
    }

    [Fact]
    public void MoveIfBetterStaysWhenJoiningIsWorse()
    {
        // At gamma 1.01 joining gives u1 1 - 1.01 * W * 2W = -0.01, below staying alone (0).
        var solver = NewSolver(out _);
        Assert.True(solver.MoveNode(0, 1.01, MoveRule.IfBetter));
        Assert.True(solver.MoveNode(3, 1.01, MoveRule.IfBetter));
        Assert.False(solver.MoveNode(1, 1.01, MoveRule.IfBetter));
        Assert.Equal(1, solver.Labels[1]);
        Assert.Equal(2, solver.UserRows);
    }

    [Fact]
    public void LargeGammaKeepsNodesApartUnderMoveIfBetter()
    {
        var solver = NewSolver(out _);
        // gain of joining = 1 - 4 * W * W = -1 < 0 = gain of staying alone.
        Assert.False(solver.MoveNode(0, 4.0, MoveRule.IfBetter));
        Assert.Equal(0, solver.Labels[0]);
    }

    [Fact]
    public void IsolatedNodesNeverMove()
    {
        var graph = TestGraphs.FromEdges(2, 2, (0, 0));
        var solver = new LabelPropagationSolver(graph, NodeWeights.ForUsers(graph, WeightScheme.Cpm), NodeWeights.ForItems(graph, WeightScheme.Cpm));
        solver.Reset();
        Assert.False(solver.MoveNode(1, 1.0, MoveRule.Always));
        Assert.False(solver.MoveNode(3, 1.0, MoveRule.Always));
    }

    [Fact]
    public void RunReportsMonotoneRowsAndStopsAtTheRowBudget()
    {
        var graph = TestGraphs.Planted(400, 300, 8, 5, 0.8, 11);
        var solver = new LabelPropagationSolver(graph, NodeWeights.ForUsers(graph, WeightScheme.Degree), NodeWeights.ForItems(graph, WeightScheme.AuthorsCpm));
        var free = solver.Run(0.05, 5, MoveRule.Always, null, 1, null);
        Assert.False(free.StoppedEarly);
        int finalRows = free.Passes[^1].UserRows + free.Passes[^1].ItemRows;
        int limit = (700 + finalRows) / 2;
        var stopped = solver.Run(0.05, 5, MoveRule.Always, limit, 1, null);
        Assert.True(stopped.StoppedEarly);
        Assert.Equal(limit, stopped.Passes[^1].UserRows + stopped.Passes[^1].ItemRows);
    }
}
