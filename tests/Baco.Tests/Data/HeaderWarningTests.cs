using Baco.Data;

namespace Baco.Tests.Data;

/// <summary>
/// A first line that looks like unrecognised column names is read as data but reported through
/// <see cref="ReadOptions.Warnings"/>; real data never is.
/// </summary>
[Trait("Category", "Fault")]
public sealed class HeaderWarningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (Dataset Data, List<string> Warnings) Read(string path, ReadOptions? options = null)
    {
        var warnings = new Collect();
        var data = InteractionReader.Read(path, options: (options ?? new ReadOptions()) with { Warnings = warnings });
        return (data, warnings.Lines);
    }

    [Fact]
    public void AdjacencyListsReadAsAnEdgeList_AreWarnedAbout()
    {
        string f = _dir.File("adj.txt", "0 1 2 3\n1 2\n2 0 3\n3 1 2 3 0\n");
        var (d, warnings) = Read(f, new ReadOptions { Format = InteractionFormat.EdgeList });
        Assert.Equal(4, d.Train.Count);
        string w = Assert.Single(warnings);
        Assert.StartsWith($"{f}: the lines look like adjacency lists", w, StringComparison.Ordinal);
        Assert.Contains("set the format to adjacency", w, StringComparison.Ordinal);

        // Read as adjacency lists (detected or set), every item is kept and nothing is said.
        foreach (var format in new[] { InteractionFormat.Auto, InteractionFormat.Adjacency })
        {
            var (a, none) = Read(f, new ReadOptions { Format = format });
            Assert.Equal(10, a.Train.Count);
            Assert.Empty(none);
        }

        // An edge list with a rating column has one field count: no warning.
        var (_, quiet) = Read(_dir.File("rated.txt", "0 1 5\n1 2 4\n2 0 3\n"), new ReadOptions { Format = InteractionFormat.EdgeList });
        Assert.Empty(quiet);
    }

    [Fact]
    public void ARepeatedHeaderLine_IsSkippedWithAWarning()
    {
        // `cat part1.csv part2.csv`: the second header sits among the data.
        string f = _dir.File("joined.csv", "user_id,item_id\n1,1\n1,2\n2,2\nuser_id,item_id\n2,3\n3,3\nuser_id,item_id\n3,1\n");
        var (d, warnings) = Read(f);
        Assert.Equal(6, d.Train.Count);
        Assert.DoesNotContain("user_id", d.Users.Names());
        Assert.True(d.Users.IsIdentity); // integer ids still kept as written
        string w = Assert.Single(warnings);
        Assert.StartsWith($"{f}:5: the header line appears again (2 times", w, StringComparison.Ordinal);

        // A copy written by a tool that quotes every field is the same header.
        string q = _dir.File("quoted.csv", "user_id,item_id\n1,1\n1,2\n\"user_id\",\"item_id\"\n2,3\n");
        var (dq, said) = Read(q);
        Assert.Equal(3, dq.Train.Count);
        Assert.True(dq.Users.IsIdentity);
        Assert.StartsWith($"{q}:4: the header line appears again (1 time", Assert.Single(said), StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMarksInsideAFile_AreRemovedWithAWarning()
    {
        // Two Excel exports joined with `cat`: the second starts with a byte order mark, before its
        // header (a repeated header, skipped) or before its first data line (the same user as before).
        const string bom = "\uFEFF";
        string f = _dir.File("joined.csv", $"{bom}user_id,item_id\nu1,i1\nu2,i2\n{bom}user_id,item_id\nu2,i3\nu3,i1\n");
        var (d, warnings) = Read(f);
        Assert.Equal(["u1", "u2", "u3"], d.Users.Names());
        Assert.Equal(4, d.Train.Count);
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith($"{f}:4: a line starts with a byte order mark (U+FEFF)", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"{f}:4: the header line appears again (1 time", warnings[1], StringComparison.Ordinal);

        string g = _dir.File("nohead.csv", $"{bom}u1,i1\nu2,i2\n{bom}u2,i3\n{bom}u3,i1\n");
        var (e, said) = Read(g);
        Assert.Equal(["u1", "u2", "u3"], e.Users.Names());
        Assert.StartsWith($"{g}:3: 2 lines start with a byte order mark", Assert.Single(said), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingValueMarkersFloatAndScientificIds_AreWarnedAbout()
    {
        // R's NA and pandas' nan gather every line without a user into one user; pandas writes an
        // integer column holding a missing value as floats, so 1.0 is not the user 1.
        string f = _dir.File("na.csv", "session,user,item\ns1,u1,i1\ns2,NA,i2\ns3,u2,nan\ns4,NA,i3\n");
        var (d, warnings) = Read(f);
        Assert.Contains("NA", d.Users.Names());
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith($"{f}:3: 2 lines with a missing-value marker as the user id (e.g. 'NA';", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"{f}:4: 1 line with a missing-value marker as the item id (e.g. 'nan';", warnings[1], StringComparison.Ordinal);

        string g = _dir.File("float.csv", "user,item\n1.0,10\n1,11\n2.0,10\n");
        var (e, said) = Read(g);
        Assert.Equal(3, e.UserCount);
        Assert.StartsWith($"{g}:2: 2 lines with the user id written as a float (e.g. '1.0', as pandas writes an integer column that holds a missing value): '1.0' and '1' are different ids", Assert.Single(said), StringComparison.Ordinal);

        // Excel shows long ids as 7.65612E+16: two Steam users became one.
        string h = _dir.File("excel.csv", "user,item\n7.65612E+16,10\n7.65612E+16,11\n");
        var (x, excel) = Read(h);
        Assert.Equal(1, x.UserCount);
        Assert.StartsWith($"{h}:2: 2 lines with the user id in scientific notation (e.g. '7.65612E+16'), as Excel shows long numbers", Assert.Single(excel), StringComparison.Ordinal);

        // Ids that only contain such text, a quoted marker (R quotes strings: "NA" is Namibia), and
        // .0 among other decimals (versions, ratings) are not flagged.
        var (_, quiet) = Read(_dir.File("fine.csv", "user,item\nNAomi,nano\nNone1,v1.05\nu.0,3.10\nE+12,1E+x\nsE+5,7.6E5\n\"NA\",2.0\nu2,2.5\n"));
        Assert.Empty(quiet);
    }

    [Fact]
    public void AHeaderlessItemColumnOfRatings_IsWarnedAbout()
    {
        // Netflix's lines without their movie lines: user, rating, date; the ratings became items.
        var lines = Enumerable.Range(0, 30).Select(k => $"{1000 + (k * 7 % 13)},{1 + (k % 5)},2005-09-{10 + (k % 9)}");
        string f = _dir.File("netflix.txt", string.Join("\n", lines) + "\n");
        var (_, warnings) = Read(f);
        Assert.StartsWith($"{f}:1: column 2, read as the items in a file without a header, holds only 5 small numbers in its first 30 lines (1, 2, 3, 4, 5), like ratings", Assert.Single(warnings), StringComparison.Ordinal);

        // Twelve distinct items, items in order (a file sorted by item), fewer than 20 lines, or a
        // header: nothing said.
        Assert.Empty(Read(_dir.File("sorted.txt", string.Join("\n", Enumerable.Range(0, 30).Select(k => $"{1000 + k},{1 + (k / 10)}")) + "\n")).Warnings);
        Assert.Empty(Read(_dir.File("twelve.txt", string.Join("\n", Enumerable.Range(0, 30).Select(k => $"{k % 7},{k % 12}")) + "\n")).Warnings);
        Assert.Empty(Read(_dir.File("short.txt", string.Join("\n", lines.Take(19)) + "\n")).Warnings);
        Assert.Empty(Read(_dir.File("named.txt", "user_id,item_id,date\n" + string.Join("\n", lines) + "\n")).Warnings);
    }

    [Fact]
    public void AmazonItemsFirstAndAShortHeader_AreWarnedAbout()
    {
        // Amazon's 2018 ratings files: item, user, rating, time; by position the products were users.
        string amazon = _dir.File("ratings_2018.csv", "0001713353,A1C6M8LCIX4M6M,5.0,1123804800\nB00004Y2UT,A1REUF3A1YCPHM,5.0,1112140800\n000171287X,A1YRBRK2XM5D5,4.0,1081036800\n");
        var (_, warnings) = Read(amazon);
        Assert.StartsWith($"{amazon}:1: column 1, read as the users in a file without a header, holds Amazon product ids (0001713353) and column 2, read as the items, Amazon reviewer ids (A1C6M8LCIX4M6M)", Assert.Single(warnings), StringComparison.Ordinal);
        var named = InteractionReader.Read(_dir.File("named.csv", "item,user,rating,timestamp\n" + File.ReadAllText(amazon)));
        Assert.Equal(["A1C6M8LCIX4M6M", "A1REUF3A1YCPHM", "A1YRBRK2XM5D5"], named.Users.Names());

        // The 2014 files list the user first: nothing said.
        Assert.Empty(Read(_dir.File("ratings_2014.csv", "A2SUAM1J3GNN3B,0000013714,5.0,1382659200\nA1C6M8LCIX4M6M,0000013714,4.0,1382659200\n")).Warnings);

        // A comma inside an unquoted name: four fields under three names, every name shifted.
        string names = _dir.File("names.csv", "user,movie,rating\nSmith, John,Titanic,5\nDoe, Jane,Alien,4\n");
        var (_, said) = Read(names);
        Assert.StartsWith($"{names}:1: the header names 3 columns and the lines below it have 4 fields: the names are taken for the first 3 columns, so the users are read from column 1 and the items from column 2", Assert.Single(said), StringComparison.Ordinal);
    }

    [Fact]
    public void CommentLinesShapedLikeData_AreCountedInAWarning()
    {
        // Hashtags as ids: three data lines lost as comments. A note ("# exported ...") is not counted.
        string f = _dir.File("tags.csv", "user,post\n# exported today, by hand\n#ai,p1\n#ai,p2\n#ml,p2\nnews,p3\nnews,p1\n");
        var (d, warnings) = Read(f);
        Assert.Equal(2, d.Train.Count);
        string w = Assert.Single(warnings);
        Assert.StartsWith($"{f}:3: 3 lines starting with '#' (e.g. '#ai,p1') were skipped as comments", w, StringComparison.Ordinal);

        // Quoted, they are ids; notes alone give no warning.
        var (quoted, none) = Read(_dir.File("quoted.csv", "user,post\n# a note\n#\n\"#ai\",p1\nnews,p3\n"));
        Assert.Equal(["#ai", "news"], quoted.Users.Names());
        Assert.Empty(none);
    }

    [Fact]
    public void IdsWithAnUnclosedQuote_AreCountedInAWarning()
    {
        // "smith and smith would be two users; the first such id is named with its line.
        string f = _dir.File("people.csv", "user,item\nsmith,p1\n\"smith,p2\n\"jones,p3\njones,p1\n");
        var (d, warnings) = Read(f);
        Assert.Equal(["smith", "\"smith", "\"jones", "jones"], d.Users.Names());
        string w = Assert.Single(warnings);
        Assert.StartsWith($"{f}:3: 2 ids open with a double quote that is never closed (e.g. '\"smith')", w, StringComparison.Ordinal);

        // Closed quotes, even around a separator, are read as the id inside them: nothing to say.
        var (quoted, none) = Read(_dir.File("closed.csv", "user,item\n\"smith, j\",p1\n\"jones\",p2\n"));
        Assert.Equal(["smith, j", "jones"], quoted.Users.Names());
        Assert.Empty(none);

        // A quote closed within the id ("Weird Al" Yankovic) is text, not an unclosed quote.
        var (text, quiet) = Read(_dir.File("artists.csv", "user,artist\nu1,\"Weird Al\" Yankovic\nu2,\"\"\"The Spot\"\" Cafe\"\n"));
        Assert.Equal(["\"Weird Al\" Yankovic", "\"The Spot\" Cafe"], text.Items.Names());
        Assert.Empty(quiet);
    }

    [Fact]
    public void ColumnNamesReadAsDataByRequest_AreWarnedAbout()
    {
        string f = _dir.File("named.csv", "user_id,item_id\n1,1\n1,2\n2,2\n");
        var (d, warnings) = Read(f, new ReadOptions { HasHeader = false });
        Assert.Equal(4, d.Train.Count);
        string w = Assert.Single(warnings);
        Assert.StartsWith($"{f}:1: the first line (user_id, item_id) looks like column names", w, StringComparison.Ordinal);
        Assert.Contains("set the header option to yes", w, StringComparison.Ordinal);

        // Data read as data says nothing.
        var (_, none) = Read(_dir.File("plain.csv", "1,1\n1,2\n2,2\n"), new ReadOptions { HasHeader = false });
        Assert.Empty(none);
    }

    [Fact]
    public void UnrecognisedHeader_IsReadButWarnedAbout()
    {
        string f = _dir.File("orders.csv", "shopper,sku\ns17,p204\ns18,p205\ns17,p9\n");
        var (d, warnings) = Read(f);
        Assert.Equal(4, d.Train.Count);
        Assert.Contains("shopper", d.Users.Names());
        string w = Assert.Single(warnings);
        Assert.StartsWith($"{f}:1: the first line (shopper, sku) looks like column names", w, StringComparison.Ordinal);
        Assert.Contains("set the header option to yes", w, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', w);

        // Taking the advice silences it.
        var (h, none) = Read(f, new ReadOptions { HasHeader = true });
        Assert.Equal(3, h.Train.Count);
        Assert.Empty(none);
    }

    [Fact]
    public void AfterComments_TheWarningNamesTheFirstDataLine()
    {
        string f = _dir.File("orders.tsv", "# export\n\nkunde\tartikel\tmenge\nk1\ta1\t2\nk2\ta2\t1\nk3\ta1\t5\n");
        var w = Assert.Single(Read(f).Warnings);
        Assert.StartsWith($"{f}:3: the first line (kunde, artikel)", w, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shopper,sku\ns1,p1\nshopper,p2\ns3,p3\n")] // the first user comes back: it is data
    [InlineData("shopper,sku\ns1,p1\ns2,sku\ns3,p3\n")] // the first item comes back
    [InlineData("shopper,sku\ns1,p1\n")] // too few lines to judge
    [InlineData("s0,p0\ns1,p1\ns2,p2\n")] // the first line has digits like the rest
    [InlineData("user,item\nu1,i1\nu2,i2\n")] // a recognised header: not read as data
    [InlineData("0 1 2 3\n1 2\n2\n3 0 3\n")] // adjacency lists
    public void RealData_IsNotWarnedAbout(string content)
    {
        var (_, warnings) = Read(_dir.File("d.csv", content));
        Assert.Empty(warnings);
    }

    [Fact]
    public void AHeaderNamingOneIdColumn_SaysWhichColumnHoldsTheOther()
    {
        // 'book' names the item column, so the first line is a header; it may be data: the warning says both.
        string f = _dir.File("d.csv", "alice,book\nbob,pen\ncarol,cup\n");
        var (d, warnings) = Read(f);
        Assert.Equal(2, d.Train.Count);
        Assert.Equal($"{f}:1: the header (alice, book) names no user column, so column 1 ('alice') is read as the users; if they are in another column, name it user_id in the header; if this line is an interaction, not a header, set the header option to no", Assert.Single(warnings));

        // Users named in the second column: the items are the first ("movie_title,userId,rating").
        string g = _dir.File("g.csv", "movie_title,userId,rating\nHeat,c1,4\nUp,c2,5\n");
        var (e, said) = Read(g, new ReadOptions { HasHeader = true });
        Assert.Equal(["Heat", "Up"], e.Items.Names());
        Assert.Equal($"{g}:1: the header (movie_title, userId, rating) names no item column, so column 1 ('movie_title') is read as the items; if they are in another column, name it item_id in the header", Assert.Single(said));

        // A measure where the items would be is refused, not read as ids.
        ReaderAssert.Fails(_dir.File("h.csv", "quantity,customer_id,sku_name\n2,c1,s1\n"), 1, "names no item column, and column 1, where the item ids would be, is 'quantity'");
    }

    [Fact]
    public void AHeaderNamingOnlyTheItems_PlacesTheUsersAroundThem()
    {
        // Items named in the first column: the users are the second, not the first (which read
        // reviews as users reviewing people, silently).
        string f = _dir.File("reviews.csv", "asin,reviewerName,overall\nB1,Ann,5\nB2,Ann,4\nB1,Bob,3\n");
        var (d, warnings) = Read(f);
        Assert.Equal(["Ann", "Bob"], d.Users.Names());
        Assert.Equal(["B1", "B2"], d.Items.Names());
        Assert.StartsWith($"{f}:1: the header (asin, reviewerName, overall) names no user column, so column 2 ('reviewerName') is read as the users; if they are in another column, name it user_id in the header", Assert.Single(warnings), StringComparison.Ordinal);

        // A measure where the users would be is refused on the users' side.
        ReaderAssert.Fails(_dir.File("m.csv", "movieId,rating,who\nm1,5,a\n"), 1, "names no user column, and column 2, where the user ids would be, is 'rating'");
    }

    [Fact]
    public void TwoColumnsWithItemNames_TakeTheOneNamedAsAnIdAndSaySo()
    {
        string f = _dir.File("orders.csv", "user_id,location,product_id,rating\nu1,Berlin,p1,5\nu2,Paris,p2,4\n");
        var (d, warnings) = Read(f);
        Assert.Equal(["p1", "p2"], d.Items.Names());
        Assert.Equal($"{f}:1: the header (user_id, location, product_id, rating) names two item columns; column 3 ('product_id') is read as the items, not column 2 ('location'); if the items are there, name that column item_id in the header", Assert.Single(warnings));
    }

    [Fact]
    public void AHeaderlessTestFileUnderHeaderYes_IsWarnedAbout()
    {
        // One header setting for every file: the test file's first interaction is skipped, and said.
        string train = _dir.File("tr.csv", "user_id,item_id\nu0,i1\nu1,i2\nu2,i1\n");
        string test = _dir.File("te.csv", "u0,i5\nu1,i1\n");
        var warnings = new Collect();
        var d = InteractionReader.Read(train, testPath: test, options: new ReadOptions { HasHeader = true, Warnings = warnings });
        Assert.Equal(1, d.Test!.Count);
        Assert.Equal($"{test}:1: the line skipped as the header (u0, i5) names no column and the training file's is (user_id, item_id); if this file has no header, give it one or leave the header option to auto, which detects each file's", Assert.Single(warnings.Lines));

        // The same header, or one that names its columns, is a header.
        foreach (string header in new[] { "user_id,item_id", "customer_id,asin" })
        {
            var quiet = new Collect();
            InteractionReader.Read(train, testPath: _dir.File("t2.csv", $"{header}\nu0,i5\n"), options: new ReadOptions { HasHeader = true, Warnings = quiet });
            Assert.Empty(quiet.Lines);
        }
    }

    [Fact]
    public void HeaderSetToNo_IsNotWarnedAbout()
    {
        var (d, warnings) = Read(_dir.File("o.csv", "shopper,sku\ns17,p204\ns18,p205\n"), new ReadOptions { HasHeader = false });
        Assert.Equal(3, d.Train.Count);
        Assert.Empty(warnings);
    }

    [Fact]
    public void WithoutAWarningsReceiver_ReadingIsUnchanged()
    {
        var d = InteractionReader.Read(_dir.File("o.csv", "shopper,sku\ns17,p204\ns18,p205\n"));
        Assert.Equal(["shopper", "s17", "s18"], d.Users.Names());
    }

    [Fact]
    public void EachFileIsJudgedOnItsOwn()
    {
        string train = _dir.File("train.csv", "s1,p1\ns2,p2\ns3,p3\n");
        string test = _dir.File("test.csv", "shopper,sku\ns1,p2\ns2,p3\n");
        var warnings = new Collect();
        InteractionReader.Read(train, testPath: test, options: new ReadOptions { Warnings = warnings });
        Assert.StartsWith($"{test}:1:", Assert.Single(warnings.Lines), StringComparison.Ordinal);
    }
}
