using Baco.Data;
using Baco.Graph;
using Baco.Models;
using Baco.Tests.TestSupport;
using Baco.Workflows;

namespace Baco.Tests.Faults;

/// <summary>A library caller's mistakes are argument exceptions naming the argument, never a NullReferenceException or IndexOutOfRangeException from inside.</summary>
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
}
