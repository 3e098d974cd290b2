using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Clustering;
using Baco.Clustering.Balanced;
using Baco.Codebooks;
using Baco.Data;

namespace Baco.Tests.Assignment;

public class RowRenumberingTests
{
    private static StoredAssignment Stored(CodebookAssignment a, IdMap users, IdMap items) => new(a, users, items, new JsonObject());

    private static IdMap Names(params string[] names) => IdMap.FromNames(names);

    /// <summary>Which entities share a row: for every pair, whether their primary rows are equal.</summary>
    private static bool[] Together(SideAssignment side)
    {
        int n = side.EntityCount;
        var same = new bool[n * n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                same[(a * n) + b] = side.CodesOf(a)[0] == side.CodesOf(b)[0];
            }
        }

        return same;
    }

    [Fact]
    public void PermutedClustersAreNumberedBackAndTheirLinksColdRowsAndVolumesFollow()
    {
        // Three co-clusters (c and f with a secondary row) and a cold item row (row 3); then the
        // same clustering numbered another way.
        var users = Names("a", "b", "c", "d", "e", "f");
        var items = Names("x", "y", "z", "lonely");
        var fold = new BacoFoldIn(2, WeightScheme.Degree, WeightScheme.Cpm, MoveRule.Always, true, 1, 1, [1, 2, 3], [4, 5, 6, 0]);
        var before = new CodebookAssignment("baco", new SideAssignment(3, [0, 0, 1, 0, 1, 2, 2, 1], [0, 1, 2, 4, 5, 6, 8]), SideAssignment.FromLabels([0, 1, 2, 3], 4))
        {
            ItemRowOfUserRow = [0, 1, 2],
            ItemColdRow = 3,
            FoldIn = fold,
        };

        // User rows 0, 1, 2 -> 2, 0, 1; item rows 0, 1, 2, 3 -> 1, 3, 2, 0 (the cold row first).
        var now = before.WithRowsRenumbered([2, 0, 1], [1, 3, 2, 0]);
        Assert.Equal(0, now.ItemColdRow);
        Assert.Equal([3, 2, 1], now.ItemRowOfUserRow!);
        Assert.Equal([2, 2, 0, 2, 0, 1, 1, 0], now.Users.Codes);

        var r = RowRenumbering.Renumber(now, users, items, Stored(before, users, items));
        var back = r.Assignment;
        Assert.Equal(before.Users.Codes, back.Users.Codes);
        Assert.Equal(before.Users.Offsets, back.Users.Offsets);
        Assert.Equal(before.Items.Codes, back.Items.Codes);
        Assert.Equal(before.ItemRowOfUserRow, back.ItemRowOfUserRow);
        Assert.Equal(3, back.ItemColdRow);
        var backFold = Assert.IsType<BacoFoldIn>(back.FoldIn);
        Assert.Equal(fold.UserRowVolumes, backFold.UserRowVolumes);
        Assert.Equal(fold.ItemRowVolumes, backFold.ItemRowVolumes);
        Assert.Equal([0, 1, 2], back.PreviousRows!.UserRows);
        Assert.Equal([0, 1, 2, 3], back.PreviousRows.ItemRows);
        Assert.Equal(AssignmentFingerprint.Of(before, users, items), back.PreviousRows.Previous);
        Assert.Equal(3, r.Users.Matched);
        Assert.Equal(6, r.Users.SharedMembers);
        Assert.True(r.Items.ColdMatched);
        Assert.Equal(4, r.Items.SharedMembers); // three co-clusters' items and the cold item
    }

    [Fact]
    public void EntitiesAreMatchedByTheirOwnIdsAndNewAndRemovedOnesDoNotCount()
    {
        // Before: {a, b} in row 0, {c, d} in row 1. Now, in another id order: {d, c} and {b, e}.
        var beforeUsers = Names("a", "b", "c", "d");
        var before = new CodebookAssignment("baco", SideAssignment.FromLabels([0, 0, 1, 1], 2), SideAssignment.FromLabels([0], 1));
        var nowUsers = Names("e", "d", "c", "b");
        var now = new CodebookAssignment("baco", SideAssignment.FromLabels([1, 0, 0, 1], 2), SideAssignment.FromLabels([0], 1));
        var items = Names("x");

        var r = RowRenumbering.Renumber(now, nowUsers, items, Stored(before, beforeUsers, items));
        var codes = r.Assignment.Users.Codes;
        Assert.Equal(1, codes[1]); // d and c take the row of {c, d}
        Assert.Equal(1, codes[2]);
        Assert.Equal(0, codes[3]); // b, and e with it, take the row of {a, b}
        Assert.Equal(0, codes[0]);
        Assert.Equal([0, 1], r.Assignment.PreviousRows!.UserRows);
        Assert.Equal(new SideMatch(2, 2, 2, 2, 3, 3, 1, 1, false), r.Users);
    }

    [Fact]
    public void GreedyTakesTheLargestOverlapFirstAndUnmatchedRowsTakeTheFreeNumbers()
    {
        // Before: P = {a, b, c, d} (row 0), Q = {e} (row 1), R = {f, g} (row 2), S = {h, i} (row 3).
        var users = Names("a", "b", "c", "d", "e", "f", "g", "h", "i");
        var before = new CodebookAssignment("lp", SideAssignment.FromLabels([0, 0, 0, 0, 1, 2, 2, 3, 3], 4), SideAssignment.FromLabels([0], 1));

        // Now, three rows: {a, b, c} (row 0), {d, e} (row 1), {f, g, h, i} (row 2). Pairs by
        // count: (0, P) 3 first; (2, R) 2 and (2, S) 2 tie, R is the lower earlier row; (1, P) 1
        // finds P taken; (1, Q) 1 matches.
        var now = new CodebookAssignment("lp", SideAssignment.FromLabels([0, 0, 0, 1, 1, 2, 2, 2, 2], 3), SideAssignment.FromLabels([0], 1));
        var items = Names("x");
        var r = RowRenumbering.Renumber(now, users, items, Stored(before, users, items));
        Assert.Equal([0, 0, 0, 1, 1, 2, 2, 2, 2], r.Assignment.Users.Codes);
        Assert.Equal([0, 1, 2], r.Assignment.PreviousRows!.UserRows);
        Assert.Equal(3 + 1 + 2, r.Users.SharedMembers);

        // With only two rows now, a row matched to earlier row 2 cannot keep that number.
        var two = new CodebookAssignment("lp", SideAssignment.FromLabels([1, 1, 1, 1, 1, 0, 0, 0, 0], 2), SideAssignment.FromLabels([0], 1));
        var t = RowRenumbering.Renumber(two, users, items, Stored(before, users, items));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], t.Assignment.Users.Codes); // {a..e} keeps P's 0; {f..i} takes the free 1
        Assert.Equal([0, 2], t.Assignment.PreviousRows!.UserRows);
        Assert.Equal(2, t.Users.Matched);
        Assert.Equal(1, t.Users.KeptNumber);
    }

    [Fact]
    public void ColdRowsMatchOnlyEachOther()
    {
        // Before: users a, b isolated on the cold row 1; now a and b have interactions and form a
        // cluster of their own, while c became isolated.
        var users = Names("a", "b", "c", "d");
        var before = new CodebookAssignment("baco", SideAssignment.FromLabels([1, 1, 0, 0], 2), SideAssignment.FromLabels([0], 1)) { UserColdRow = 1 };
        var now = new CodebookAssignment("baco", SideAssignment.FromLabels([0, 0, 2, 1], 3), SideAssignment.FromLabels([0], 1)) { UserColdRow = 2 };
        var items = Names("x");
        var r = RowRenumbering.Renumber(now, users, items, Stored(before, users, items));
        var a = r.Assignment;
        Assert.Equal(1, a.UserColdRow); // the cold row took the earlier cold row's number
        Assert.Equal(1, a.Users.Codes[2]);
        Assert.Equal(0, a.Users.Codes[3]); // {d} matched {c, d}
        Assert.Equal(2, a.Users.Codes[0]); // {a, b} was cold before: no match, the free number
        Assert.Equal([0, 1, -1], a.PreviousRows!.UserRows);
        Assert.True(r.Users.ColdMatched);
    }

    [Fact]
    public void RenumberingKeepsTheClusteringAndTheParameterCount()
    {
        var graph = TestGraphs.Planted(300, 200, 6, 8, 0.8, 3);
        var context = new CompressionContext(16, 0);
        var first = new BacoCompressor(new BacoOptions()).Compress(graph, CompressionTarget.Fraction(0.3), context).Assignment;
        var second = new BacoCompressor(new BacoOptions()).Compress(graph, CompressionTarget.Fraction(0.3), context with { Seed = 5 }).Assignment;
        var users = IdMap.Identity(graph.UserCount);
        var items = IdMap.Identity(graph.ItemCount);
        var r = RowRenumbering.Renumber(second, users, items, Stored(first, users, items));
        Assert.Equal(second.Parameters(16), r.Assignment.Parameters(16));
        Assert.Equal(Together(second.Users), Together(r.Assignment.Users));
        Assert.Equal(Together(second.Items), Together(r.Assignment.Items));
        Assert.Equal(second.Users.Offsets, r.Assignment.Users.Offsets);
        Assert.True(r.Users.Matched > 0 && r.Items.Matched > 0);

        // Rows are renamed consistently: secondary codes, volumes and co-cluster partners follow.
        var after = r.Assignment;
        var userNew = new int[second.Users.RowCount];
        for (int e = 0; e < graph.UserCount; e++)
        {
            userNew[second.Users.CodesOf(e)[0]] = after.Users.CodesOf(e)[0];
        }

        var itemNew = new int[second.Items.RowCount];
        for (int e = 0; e < graph.ItemCount; e++)
        {
            itemNew[second.Items.CodesOf(e)[0]] = after.Items.CodesOf(e)[0];
        }

        Assert.True(second.ExtraIndices > 0);
        Assert.Equal(second.Users.CodeArray.Select(c => userNew[c]), after.Users.CodeArray);
        for (int row = 0; row < second.Users.RowCount; row++)
        {
            Assert.Equal(((BacoFoldIn)second.FoldIn!).UserRowVolumes[row], ((BacoFoldIn)after.FoldIn!).UserRowVolumes[userNew[row]]);
            int link = second.ItemRowOfUserRow![row];
            Assert.Equal(link < 0 ? -1 : itemNew[link], after.ItemRowOfUserRow![userNew[row]]);
        }

        // 'baco assign' places a new user as on the unrenumbered assignment, up to the renaming.
        int[] neighbours = [.. Enumerable.Range(0, 12)];
        var placed = new IncrementalAssigner(second, 0).PlaceUser(graph.UserCount, neighbours).Codes;
        Assert.Equal(placed.Select(c => userNew[c]), new IncrementalAssigner(after, 0).PlaceUser(graph.UserCount, neighbours).Codes);

        // The same clustering numbered against itself is unchanged.
        var same = RowRenumbering.Renumber(first, users, items, Stored(first, users, items)).Assignment;
        Assert.Equal(first.Users.Codes, same.Users.Codes);
        Assert.Equal(first.Items.Codes, same.Items.Codes);
        Assert.All(same.PreviousRows!.UserRows.Select((p, row) => p == row), Assert.True);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("frequency")]
    [InlineData("doublegraphhash")]
    [InlineData("full")]
    public void MethodsWhoseRowsAreNotClustersAreRefused(string method)
    {
        var e = Assert.Throws<InvalidSettingException>(() => RowRenumbering.EnsureRenumberable(method));
        Assert.Contains($"'{method}'", e.Reason);
        RowRenumbering.EnsureRenumberable("baco");
    }

    [Fact]
    public void AWarmStartMapIsTheIdentityForTheSameRowsAndTheRowMapOtherwise()
    {
        var users = Names("a", "b");
        var items = Names("x");
        var before = new CodebookAssignment("lp", SideAssignment.FromLabels([0, 1], 2), SideAssignment.FromLabels([0], 1));
        var stored = Stored(before, users, items);
        Assert.Equal([0, 1], RowRenumbering.MapTo(stored, before, users, items).UserRows);

        // Extended by a new user (as 'baco assign' does): still the same rows.
        var extended = before with { Users = SideAssignment.FromLabels([0, 1, 1], 2) };
        Assert.Equal([0, 1], RowRenumbering.MapTo(stored, extended, Names("a", "b", "c"), items).UserRows);

        // Other rows and no row map: refused; a row map made against another assignment: refused.
        var other = before with { Users = SideAssignment.FromLabels([0, 0], 1) };
        Assert.Contains("no row map", Assert.Throws<UnusableDataException>(() => RowRenumbering.MapTo(stored, other, users, items)).Message);
        var elsewhere = other with { PreviousRows = new RowMap([0], [0], 1, 1, "sha256:0") };
        Assert.Contains("another assignment", Assert.Throws<UnusableDataException>(() => RowRenumbering.MapTo(stored, elsewhere, users, items)).Message);
        var renumbered = RowRenumbering.Renumber(other, users, items, stored).Assignment;
        Assert.Same(renumbered.PreviousRows, RowRenumbering.MapTo(stored, renumbered, users, items));
    }
}
