using Baco.Assignment;
using Baco.Clustering;
using Baco.Data;

namespace Baco.Tests.Clustering;

/// <summary>The registry is the one list of methods: everything that enumerates methods must agree with it.</summary>
public sealed class CompressionMethodsTests
{
    public static TheoryData<string> Names => [.. CompressionMethods.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void EachNameCreatesTheMethodOfThatNameAndItsAssignmentCarriesIt(string name)
    {
        var method = CompressionMethods.Create(name.ToUpperInvariant());
        Assert.Equal(name, method.Name);
        var graph = BaselineGraphs.Random();
        var assignment = method.Compress(graph, CompressionTarget.Fraction(0.3), new CompressionContext(8, 1)).Assignment;
        Assert.Equal(name, assignment.Method);
        Assert.Same(CompressionMethods.All.Single(m => m.Name == name), CompressionMethods.Find($" {name.ToUpperInvariant()} "));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryMethodPlacesNewEntitiesByItsRegisteredRuleOrSaysWhyNot(string name)
    {
        var graph = BaselineGraphs.Random();
        var assignment = CompressionMethods.Create(name).Compress(graph, CompressionTarget.Fraction(0.3), new CompressionContext(8, 1)).Assignment;
        var info = CompressionMethods.Find(name)!;
        if (info.NewEntities == NewEntityRule.None)
        {
            var e = Assert.Throws<UnusableDataException>(() => new IncrementalAssigner(assignment, 1));
            Assert.Contains($"'{name}'", e.Message);
            Assert.Contains(info.NoNewEntitiesReason!, e.Message);
        }
        else
        {
            Assert.Null(info.NoNewEntitiesReason);
            var assigner = new IncrementalAssigner(assignment, 1);
            var placed = assigner.PlaceUser(graph.UserCount, [0, 1]);
            Assert.All(placed.Codes, c => Assert.InRange(c, 0, assignment.Users.RowCount - 1));
            Assert.Equal(assigner.UsesNeighbours, info.Family != MethodFamily.Hashing);
        }
    }

    [Fact]
    public void AnUnknownNameIsRefusedListingTheMethods()
    {
        var e = Assert.Throws<InvalidSettingException>(() => CompressionMethods.Create("bacco"));
        Assert.Equal("Method", e.Setting);
        Assert.Contains(string.Join(", ", CompressionMethods.Names), e.Message);
        Assert.Null(CompressionMethods.Find("bacco"));
    }
}
