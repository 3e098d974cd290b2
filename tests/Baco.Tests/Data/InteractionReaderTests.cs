using Baco.Data;

namespace Baco.Tests.Data;

public sealed class InteractionReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Interactions in the user's own ids, "user item" strings in stored order.</summary>
    private static string[] Written(Dataset d, InteractionList? list)
    {
        Assert.NotNull(list);
        return [.. Enumerable.Range(0, list.Count).Select(k => $"{d.Users.NameOf(list.Users[k])} {d.Items.NameOf(list.Items[k])}")];
    }

    [Fact]
    public void IntegerTsv_NoHeader_IsIdentity()
    {
        string f = _dir.File("train.tsv", "0\t1\n0\t3\n2\t0\n");
        var d = InteractionReader.Read(f);
        Assert.True(d.Users.IsIdentity);
        Assert.True(d.Items.IsIdentity);
        Assert.Equal(3, d.UserCount);
        Assert.Equal(4, d.ItemCount);
        Assert.Equal(["0 1", "0 3", "2 0"], Written(d, d.Train));
        Assert.Null(d.Validation);
        Assert.Null(d.Test);
    }

    [Trait("Category", "Fault")]
    [Theory]
    [InlineData("user_id,item_id,rating,timestamp\n7,5,4.0,100\n7,9,3.5,101\n8,5,5,102\n")]
    [InlineData("userId;movieId;rating\n7;5;4.0\n7;9;3.5\n8;5;5\n")]
    [InlineData("user item rating\n7 5 4\n7   9 3\n8 5 5   \n")]
    [InlineData("a,b\n7,5\n7,9\n8,5\n")]
    [InlineData("item_id,user_id\n5,7\n9,7\n5,8\n")]
    [InlineData("event,user_id,item_id\nclick,7,5\nbuy,7,9\nclick,8,5\n")] // id columns found by name where they are
    [InlineData("t_dat,customer_id,article_id\n2020-01-01,7,5\n2020-01-02,7,9\n2020-01-03,8,5\n")] // both id columns named, after a date
    [InlineData("# comment\r\n\r\nuser_id:token\titem_id:token\trating:float\r\n7\t5\t4\r\n7\t9\t3.5\r\n\r\n8\t5\t1e0\r\n")]
    public void HeadersAndDelimiters_AreDetected(string content)
    {
        string f = _dir.File("train.txt", content);
        var d = InteractionReader.Read(f);
        Assert.Equal(["7 5", "7 9", "8 5"], Written(d, d.Train));
    }

    [Fact]
    public void AHeaderThatNamesOneIdColumn_LeavesTheOtherToItsPositionWhenItsNameIsNoMeasure()
    {
        var d = InteractionReader.Read(_dir.File("sessions.csv", "session_id,item_id,timestamp\n7,5,100\n7,9,101\n8,5,102\n"));
        Assert.Equal(["7 5", "7 9", "8 5"], Written(d, d.Train));
    }

    [Trait("Category", "Fault")]
    [Fact]
    public void AFirstLineWithOneIntegerIdAboveIntegerLines_IsData()
    {
        // An ISBN ending in X among integer ISBNs: no header has an integer column name.
        var d = InteractionReader.Read(_dir.File("isbn.csv", "276725,034545104X\n276726,0155061224\n276727,0446520802\n"));
        Assert.Equal(3, d.Train.Count);
        Assert.Equal(["034545104X", "0155061224", "0446520802"], d.Items.Names());

        // Names on both sides above integers are a header.
        Assert.Equal(2, InteractionReader.Read(_dir.File("ab.csv", "a,b\n1,2\n3,4\n")).Train.Count);
    }

    [Fact]
    public void DoubledQuotesInAQuotedId_AreOneQuote()
    {
        // As CSV writers escape them: "a""b" is the id a"b, the same as a quoted "a""b" elsewhere.
        var d = InteractionReader.Read(_dir.File("q.csv", "\"a\"\"b\",x\n\"a\"\"b\",y\nc,\"say \"\"hi\"\"\"\n"));
        Assert.Equal(["a\"b", "c"], d.Users.Names());
        Assert.Equal(["x", "y", "say \"hi\""], d.Items.Names());

        // Outside quotes a quote is text, doubled or not, in any separator.
        var plain = InteractionReader.Read(_dir.File("p.tsv", "u\"\"1\ti1\nu2\ti2\nu3\ti1\n"));
        Assert.Equal(["u\"\"1", "u2", "u3"], plain.Users.Names());
        var csv = InteractionReader.Read(_dir.File("p.csv", "u\"\"1,i1\nu2,i2\nu3,i1\n"));
        Assert.Equal(["u\"\"1", "u2", "u3"], csv.Users.Names());
    }

    [Fact]
    public void HasHeaderOption_ForcesHeader()
    {
        string f = _dir.File("train.tsv", "1\t2\n7\t5\n");
        var d = InteractionReader.Read(f, options: new ReadOptions { HasHeader = true });
        Assert.Equal(["7 5"], Written(d, d.Train));
        var d2 = InteractionReader.Read(_dir.File("t2.tsv", "user\titem\n"), options: new ReadOptions { HasHeader = false, IdKind = IdKind.String });
        Assert.Equal(["user item"], Written(d2, d2.Train));
    }

    [Fact]
    public void ColumnsByNameOrIndex()
    {
        string f = _dir.File("r.csv", "ts,rating,product,customer\n1,5,p1,c1\n2,4,p2,c1\n3,1,p1,c2\n");
        var d = InteractionReader.Read(f);
        Assert.Equal(["c1 p1", "c1 p2", "c2 p1"], Written(d, d.Train));

        var byIndex = InteractionReader.Read(f, options: new ReadOptions { UserColumn = "3", ItemColumn = "0" });
        Assert.Equal(["c1 1", "c1 2", "c2 3"], Written(byIndex, byIndex.Train));
    }

    [Fact]
    public void MinRating_KeepsRowsAtOrAboveIt()
    {
        string f = _dir.File("r.csv", "user_id,item_id,rating\n1,10,4\n1,11,3.5\n2,10,5\n3,12,1\n");
        var d = InteractionReader.Read(f, options: new ReadOptions { MinRating = 4 });
        Assert.Equal(["1 10", "2 10"], Written(d, d.Train));

        string plain = _dir.File("p.tsv", "1\t10\t4\n1\t11\t2\n");
        var p = InteractionReader.Read(plain, options: new ReadOptions { MinRating = 3 });
        Assert.Equal(["1 10"], Written(p, p.Train));
    }

    [Fact]
    public void StringIds_RoundTripInFirstAppearanceOrder()
    {
        string f = _dir.File("s.tsv", "alice\tA-1\nbob\tB 2\nalice\tB 2\nçé\tA-1\n".Replace("B 2", "B2", StringComparison.Ordinal));
        var d = InteractionReader.Read(f);
        Assert.False(d.Users.IsIdentity);
        Assert.Equal(["alice", "bob", "çé"], d.Users.Names());
        Assert.Equal(["A-1", "B2"], d.Items.Names());
        Assert.Equal(["alice A-1", "alice B2", "bob B2", "çé A-1"], Written(d, d.Train));
        Assert.True(d.Users.TryGetId("bob", out int bob));
        Assert.Equal(1, bob);
    }

    [Fact]
    public void MixedIds_SwitchToNamesAndKeepEarlierRows()
    {
        // Integers first, then a name: earlier rows must be renumbered, not lost.
        string f = _dir.File("m.tsv", "5\t100\n6\t101\nx\t100\n5\t007\n");
        var d = InteractionReader.Read(f);
        Assert.Equal(["5", "6", "x"], d.Users.Names());
        Assert.Equal(["100", "101", "007"], d.Items.Names());
        Assert.Equal(["5 100", "5 007", "6 101", "x 100"], Written(d, d.Train));
    }

    [Fact]
    public void SparseIntegers_UseNames_DenseUseIdentity()
    {
        string f = _dir.File("sp.tsv", "1000000\t3\n5\t1\n");
        var d = InteractionReader.Read(f);
        Assert.False(d.Users.IsIdentity);
        Assert.Equal(["1000000", "5"], d.Users.Names());
        Assert.True(d.Items.IsIdentity);
        Assert.Equal(4, d.ItemCount);
        Assert.Equal(["1000000 3", "5 1"], Written(d, d.Train));

        var forced = InteractionReader.Read(f, options: new ReadOptions { UserIds = IdKind.Integer });
        Assert.True(forced.Users.IsIdentity);
        Assert.Equal(1000001, forced.UserCount);

        var names = InteractionReader.Read(f, options: new ReadOptions { IdKind = IdKind.String });
        Assert.Equal(["3", "1"], names.Items.Names());
    }

    [Fact]
    public void KnownIds_AreNumberedFirstAsTheirMapNumbersThem()
    {
        // Names known from a stored assignment keep their numbers; new ones follow, and integer
        // ids among the names stay names (75 is no reason for 76 users).
        string f = _dir.File("k.tsv", "75\tb\n3\ta\nzoe\tc\n");
        var named = new ReadOptions { KnownUsers = IdMap.FromNames(["3", "75", "9"]), KnownItems = IdMap.FromNames(["a", "b"]) };
        var d = InteractionReader.Read(f, options: named);
        Assert.Equal(["3", "75", "9", "zoe"], d.Users.Names());
        Assert.Equal(["a", "b", "c"], d.Items.Names());
        Assert.Equal(["3 a", "75 b", "zoe c"], Written(d, d.Train));

        // A known identity map stays the identity while the ids stay dense, and keeps its
        // numbers when a name makes the side switch to names.
        string g = _dir.File("g.tsv", "1\t0\n2\t1\n");
        var identity = new ReadOptions { KnownUsers = IdMap.Identity(6), KnownItems = IdMap.Identity(2) };
        var dense = InteractionReader.Read(g, options: identity);
        Assert.True(dense.Users.IsIdentity);
        Assert.Equal(6, dense.UserCount);
        var mixed = InteractionReader.Read(_dir.File("h.tsv", "4\t0\nann\t1\n"), options: identity);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "ann"], mixed.Users.Names());
        Assert.Equal(["4 0", "ann 1"], Written(mixed, mixed.Train));

        Assert.Throws<ArgumentException>(() => InteractionReader.Read(f, options: named with { UserIds = IdKind.Integer }));
    }

    [Fact]
    public void Duplicates_AreMerged()
    {
        // The same pair with different ratings is one interaction.
        string f = _dir.File("dup.tsv", "1\t2\t4\n1\t2\t4\n0\t2\t1\n1\t2\t5\n");
        var d = InteractionReader.Read(f);
        Assert.Equal(["0 2", "1 2"], Written(d, d.Train));
    }

    [Fact]
    public void ValidationAndTestOnlyIds_ExistInTheSpace()
    {
        string train = _dir.File("train.tsv", "u1\ti1\nu2\ti2\n");
        string val = _dir.File("val.tsv", "u3\ti1\n");
        string test = _dir.File("test.tsv", "u1\ti9\n");
        var d = InteractionReader.Read(train, val, test);
        Assert.Equal(["u1", "u2", "u3"], d.Users.Names());
        Assert.Equal(["i1", "i2", "i9"], d.Items.Names());
        Assert.Equal(["u3 i1"], Written(d, d.Validation));
        Assert.Equal(["u1 i9"], Written(d, d.Test));

        string tInt = _dir.File("ti.tsv", "0\t0\n1\t1\n");
        string vInt = _dir.File("vi.tsv", "3\t2\n");
        var di = InteractionReader.Read(tInt, vInt);
        Assert.Equal(4, di.UserCount);
        Assert.Equal(3, di.ItemCount);
    }

    [Fact]
    public void Adjacency_IsDetectedAndReadLikeLightGcn()
    {
        string f = _dir.File("train.txt", "0 1 2 3\n1 2\n2\n3 0 3\r\n");
        var d = InteractionReader.Read(f);
        Assert.Equal(4, d.UserCount);
        Assert.Equal(4, d.ItemCount);
        Assert.Equal(["0 1", "0 2", "0 3", "1 2", "3 0", "3 3"], Written(d, d.Train));

        string same = _dir.File("t2.txt", "0 1 2\n1 2 3\n");
        var forced = InteractionReader.Read(same, options: new ReadOptions { Format = InteractionFormat.Adjacency });
        Assert.Equal(["0 1", "0 2", "1 2", "1 3"], Written(forced, forced.Train));
    }

    [Fact]
    public void QuotedFieldsAndBom_AreHandled()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        string f = _dir.File("q.csv", [.. bom, .. "\"user\",\"item\"\n\"a\",\"b\"\n"u8.ToArray()]);
        var d = InteractionReader.Read(f);
        Assert.Equal(["a b"], Written(d, d.Train));
    }

    [Fact]
    public void LongFile_CrossesBufferBoundaries()
    {
        var sb = new System.Text.StringBuilder();
        var rng = new Random(1);
        var expected = new SortedSet<(int, int)>();
        for (int k = 0; k < 200_000; k++)
        {
            int u = rng.Next(5000), i = rng.Next(3000);
            expected.Add((u, i));
            sb.Append(u).Append('\t').Append(i).Append(k % 7 == 0 ? "\r\n" : "\n");
        }

        string f = _dir.File("big.tsv", sb.ToString());
        var d = InteractionReader.Read(f);
        Assert.Equal(expected.Count, d.Train.Count);
        int n = 0;
        foreach (var (u, i) in expected)
        {
            Assert.Equal(u, d.Train.Users[n]);
            Assert.Equal(i, d.Train.Items[n]);
            n++;
        }
    }

    [Fact]
    public void ExplicitDelimiterAndFormat_OverrideDetection()
    {
        string f = _dir.File("pipe.txt", "1|2\n1|3\n");
        var d = InteractionReader.Read(f, options: new ReadOptions { Delimiter = '|' });
        Assert.Equal(["1 2", "1 3"], Written(d, d.Train));

        // Varying field counts would look like adjacency lists; EdgeList reads columns 0 and 1.
        string v = _dir.File("v.txt", "0 1 9\n1 2\n2 0 8 7\n");
        var e = InteractionReader.Read(v, options: new ReadOptions { Format = InteractionFormat.EdgeList });
        Assert.Equal(["0 1", "1 2", "2 0"], Written(e, e.Train));
    }

    [Fact]
    public void SpaceSeparatedTypedHeader_IsRead()
    {
        string f = _dir.File("ml.inter", "user_id:token item_id:token rating:float timestamp:float\n196 242 3 881250949\n186 302 3 891717742\n");
        var d = InteractionReader.Read(f);
        Assert.Equal(["196 242", "186 302"], Written(d, d.Train));
        Assert.False(d.Users.IsIdentity);
    }

    [Fact]
    public void VeryLongAdjacencyLine_GrowsTheBuffer()
    {
        // About 2.2 MB on one line: longer than the read buffer.
        var sb = new System.Text.StringBuilder("0");
        for (int i = 0; i < 300_000; i++)
        {
            sb.Append(' ').Append(i);
        }

        sb.Append("\n1 5\n2\n");
        var d = InteractionReader.Read(_dir.File("adj.txt", sb.ToString()), options: new ReadOptions { Format = InteractionFormat.Adjacency });
        Assert.Equal(300_001, d.Train.Count);
        Assert.Equal(3, d.UserCount);
        Assert.Equal(300_000, d.ItemCount);
    }
}
