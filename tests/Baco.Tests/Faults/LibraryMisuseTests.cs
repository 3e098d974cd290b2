using Baco.Assignment;
using Baco.Clustering;
using Baco.Clustering.Hashing;
using Baco.Data;
using Baco.Graph;
using Baco.Models;
using Baco.Tests.TestSupport;
using Baco.Workflows;

namespace Baco.Tests.Faults;

/// <summary>A library caller's mistakes are argument exceptions naming the argument, never a NullReferenceException or IndexOutOfRangeException from inside.</summary>
[Trait("Category", "Fault")]
public sealed class LibraryMisuseTests
{
    [Fact]
    public void NullsAreNamedArgumentExceptions()
    {
        Assert.Equal("names", Assert.Throws<ArgumentNullException>(() => IdMap.FromNames(null!)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => BipartiteGraph.FromDataset(null!)).ParamName);
        Assert.Equal("Train", Assert.Throws<ArgumentNullException>(() => new Dataset(IdMap.Identity(2), IdMap.Identity(2), null!)).ParamName);
        Assert.Equal("Users", Assert.Throws<ArgumentNullException>(() => new Dataset(null!, IdMap.Identity(2), InteractionList.Empty)).ParamName);
    }

    [Fact]
    public void OutOfRangeIdsAreReportedAsGiven()
    {
        var side = TinyData.Assignment("two").Users;
        Assert.Throws<ArgumentOutOfRangeException>(() => side.CodesOf(-1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => side.CodesOf(side.EntityCount).ToArray());

        var model = RecommenderModels.Create(ModelKind.MatrixFactorization, TinyData.Assignment("one"), TinyData.Graph(), 4, 0, 1);
        var recommender = new Recommender(model, InteractionList.FromPairs([0], [1]));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => recommender.Recommend(-1, 5));
        Assert.Contains("-1", negative.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4294967295", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnnamedAssignmentIsNotNamedTwice()
    {
        var e = new AssignmentMismatchException(AssignmentMismatch.IdSpace, "the assignment", "user number 0 is 'a' there and 'b' here");
        Assert.Equal("the assignment was made for another data set: user number 0 is 'a' there and 'b' here", e.Message);
        var named = new AssignmentMismatchException(AssignmentMismatch.IdSpace, "dir", "user number 0 is 'a' there and 'b' here");
        Assert.StartsWith("the assignment dir was made", named.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssignerOfAnotherAssignmentIsRefusedForFoldingIn()
    {
        // Two random-hash assignments of the tiny graph, at different row counts: rows of one are not rows of the other.
        var graph = TinyData.Graph();
        var context = new CompressionContext(Dim: 4, Seed: 1);
        var small = new RandomHashing().Compress(graph, CompressionTarget.Knob(2), context).Assignment;
        var large = new RandomHashing().Compress(graph, CompressionTarget.Knob(3), context).Assignment;
        var model = RecommenderModels.Create(ModelKind.MatrixFactorization, small, graph, 4, 0, 1);
        var recommender = new Recommender(model, InteractionList.FromPairs([0], [1]));

        var e = Assert.Throws<ArgumentException>(() => recommender.RecommendNewUser(new IncrementalAssigner(large, 0), [0, 3], 2));
        Assert.Equal("assigner", e.ParamName);
        Assert.NotEmpty(recommender.RecommendNewUser(new IncrementalAssigner(small, 0), [0, 3], 2));
    }

    [Fact]
    public void ACompressionContextOfDimensionZeroIsRefusedWhereItIsMade()
    {
        var e = Assert.Throws<InvalidSettingException>(() => new CompressionContext(Dim: 0));
        Assert.Equal("Dim", e.Setting);
        Assert.Throws<InvalidSettingException>(() => new CompressionContext() with { Dim = -3 });
    }
}
