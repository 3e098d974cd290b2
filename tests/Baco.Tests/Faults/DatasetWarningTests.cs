using Baco.Data;
using Baco.Tests.Cli;

namespace Baco.Tests.Faults;

/// <summary>Data that read fine but would mislead an evaluation are named, with counts; a test set equal to the training set is refused.</summary>
[Trait("Category", "Fault")]
public sealed class DatasetWarningTests
{
    private static readonly IdMap Users = IdMap.FromNames(["ann", "bob", "cy"]);
    private static readonly IdMap Items = IdMap.FromNames(["a", "b", "c", "d"]);

    [Fact]
    public void SoundDataGiveNoWarning()
    {
        var data = new Dataset(Users, Items, InteractionList.FromPairs([0, 1, 2, 2], [0, 1, 2, 3]), Test: InteractionList.FromPairs([0, 1], [1, 2]));
        Assert.Empty(DatasetChecks.Inspect(data));
    }

    [Fact]
    public void UnseenEntitiesAndOverlapsAreCounted()
    {
        // bob and item d never appear in training; (ann, a) is in both training and test.
        var train = InteractionList.FromPairs([0, 0, 2], [0, 1, 2]);
        var test = InteractionList.FromPairs([0, 1, 1], [0, 2, 3]);
        var warnings = DatasetChecks.Inspect(new Dataset(Users, Items, train, Test: test));

        Assert.Equal(
            [
                "1 of the 2 test users (e.g. 'bob') have no training interaction: nothing is learnt about them, so their rankings come from a row trained on others (the cold row, a hash row) or from their initial embedding.",
                "1 of the 3 test items (e.g. 'd') have no training interaction: nothing is learnt about them, so their scores come from a row trained on others (the cold row, a hash row) or from their initial embedding.",
                "1 of the 3 test interactions are also training interactions: training items are masked when ranking, so these can never be hit (33.3 %).",
            ],
            warnings);
    }

    [Theory]
    [InlineData(2, "exactly the training interactions (2)")]
    [InlineData(1, "every one of the 1 test interactions is also one of the 2 training interactions")]
    public void ATestSetWithinTheTrainingSetIsRefused(int testCount, string reason)
    {
        var train = InteractionList.FromPairs([0, 1], [0, 1]);
        int[] ids = [0, 1];
        var test = InteractionList.FromPairs(ids.AsSpan(0, testCount), ids.AsSpan(0, testCount));
        var e = Assert.Throws<UnusableDataException>(() => DatasetChecks.Inspect(new Dataset(Users, Items, train, Test: test)));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntegerIdsMissingFromEveryFileAreCounted()
    {
        // Kept as written: users 0..2 and items 0..5, of which user 1 and items 1, 3 and 4 appear nowhere.
        var train = InteractionList.FromPairs([0, 2, 2], [0, 2, 5]);
        var warnings = DatasetChecks.Inspect(new Dataset(IdMap.Identity(3), IdMap.Identity(6), train));
        Assert.Equal(
            [
                "1 of the 3 user ids up to the largest, 2 (e.g. '1'), appear in no file: integer ids are kept as written, so each is a user without interactions: it counts in the full table (and so in a --budget share) and is never evaluated. Number the ids without gaps to leave them out.",
                "3 of the 6 item ids up to the largest, 5 (e.g. '1'), appear in no file: integer ids are kept as written, so each is an item without interactions: it counts in the full table (and so in a --budget share) and is ranked for every user. Number the ids without gaps to leave them out.",
            ],
            warnings);

        // Named entities exist because a file named them: no warning for names.
        Assert.DoesNotContain(DatasetChecks.Inspect(new Dataset(IdMap.FromNames(["a", "b", "c"]), IdMap.Identity(6), train)), w => w.Contains("user ids", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCliPrintsEachWarningAsOneLineAndRefusesTrainAsTest()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string test = tmp.File("test.tsv", "user\titem\nu1\tbook-1-3\nnewcomer\tbook-0-1\n");
        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--test", test, "--method", "random", "--out", tmp["a"]);
        Assert.Equal(0, code);
        Assert.Contains("baco: warning: 1 of the 2 test users (e.g. 'newcomer') have no training interaction", err, StringComparison.Ordinal);

        (code, _, err) = CliRunner.Run("train", "--train", train, "--test", train, "--method", "random", "--out", tmp["m"]);
        Assert.Equal(2, code);
        Assert.StartsWith("baco: error: the test interactions are exactly the training interactions (241)", OutputSafetyTests.OneLine(err), StringComparison.Ordinal);
        Assert.False(Directory.Exists(tmp["m"]));
    }

    [Fact]
    public void TheReadersHeaderWarningReachesStderrWithTheOption()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("orders.csv", "shopper,sku\na1,b1\na2,b2\na1,b2\na2,b3\n");
        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--gamma", "2", "--out", tmp["a"]);
        Assert.Equal(0, code);
        Assert.Contains($"baco: warning: {train}:1: the first line (shopper, sku) looks like column names", err, StringComparison.Ordinal);
        Assert.Contains("give --header yes", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEvaluationSetEqualToTheSetItMasksIsRefused()
    {
        var train = InteractionList.FromPairs([0, 1], [0, 1]);
        var other = InteractionList.FromPairs([2, 2], [2, 3]);
        var e = Assert.Throws<UnusableDataException>(() => DatasetChecks.Inspect(new Dataset(Users, Items, train, other, other)));
        Assert.StartsWith("the test interactions are exactly the validation interactions (2)", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<UnusableDataException>(() => DatasetChecks.Inspect(new Dataset(Users, Items, train, train)));
        Assert.StartsWith("the validation interactions are exactly the training interactions (2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TestInteractionsAlsoInValidationAreCounted()
    {
        var train = InteractionList.FromPairs([0, 1, 2], [0, 1, 2]);
        var val = InteractionList.FromPairs([0, 1], [3, 3]);
        var test = InteractionList.FromPairs([0, 2], [3, 1]);
        var warnings = DatasetChecks.Inspect(new Dataset(Users, Items, train, val, test));
        Assert.Contains("1 of the 2 test interactions are also validation interactions: validation items are masked when ranking the test, so these can never be hit (50 %).", warnings);
    }

    [Fact]
    public void AHeaderTheUserForcedOnDataIsWarnedAbout()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("plain.tsv", "12\t7\n1\t2\n2\t3\n1\t3\n");
        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--header", "yes", "--method", "random", "--gamma", "2", "--out", tmp["a"]);
        Assert.Equal(0, code);
        Assert.Contains($"baco: warning: {train}:1: the line skipped as the header (12, 7) looks like an interaction of integer ids; if the file has no header, give --header no", err, StringComparison.Ordinal);

        (_, _, err) = CliRunner.Run("compress", "--train", tmp.File("named.tsv", "user\titem\n1\t2\n2\t1\n"), "--header", "yes", "--method", "random", "--gamma", "2", "--out", tmp["b"]);
        Assert.DoesNotContain("warning", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderFoundByOneNameUnderAuto_AdvisesHeaderNo()
    {
        // The header was detected (auto), so the way out is --header no, not auto again.
        using var tmp = new TempDirectory();
        string train = tmp.File("d.csv", "alice,book\nbob,pen\ncarol,cup\nbob,cup\n");
        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--gamma", "2", "--out", tmp["a"]);
        Assert.Equal(0, code);
        Assert.Contains($"baco: warning: {train}:1: the header (alice, book) names no user column, so column 1 ('alice') is read as the users; if they are in another column, name it user_id in the header; if this line is an interaction, not a header, give --header no\n", err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
