using System.Globalization;
using System.Text;
using Baco.Data;

namespace Baco.Tests.Data;

/// <summary>
/// Edge list or adjacency lists: adjacency only when set or unambiguous, and an edge list whose
/// lines disagree with its first data line is an error naming the line.
/// </summary>
[Trait("Category", "Fault")]
public sealed class LayoutDetectionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>2,000 ratings "user item rating", users never repeating in the first lines.</summary>
    private static List<string> Ratings(char separator)
    {
        var rng = new Random(3);
        return [.. Enumerable.Range(0, 2000).Select(k => $"{k}{separator}{rng.Next(5000)}{separator}{1 + rng.Next(5)}")];
    }

    [Theory]
    [InlineData("a;x;4,5\nb;y;3,0\na;y;2,5\n", "a|b", "x|y")] // decimal commas in a ';' file
    [InlineData("u1 i1 4,5\nu2 i2 3,0\nu1 i2 2,5\n", "u1|u2", "i1|i2")] // and in a space-separated one
    [InlineData("\"Smith, J\";x\nbob;y\n\"Smith, J\";y\n", "Smith, J|bob", "x|y")] // a quoted comma in a ';' file
    [InlineData("u1;\"Smith, J\";x\nu2;\"Doe, A\";y\n", "u1|u2", "Smith, J|Doe, A")] // and in a later column of every line
    [InlineData("u1,\"Weird Al\" Yankovic;live\nu2,Heat;live\n", "u1|u2", "\"Weird Al\" Yankovic;live|Heat;live")] // paired quotes in a comma file's text
    [InlineData("Müller, Hans;A1;4\nSchmidt, Eva;A2;3\n", "Müller, Hans|Schmidt, Eva", "A1|A2")] // a comma of text in every line's first field of a ';' file
    [InlineData("Smith, John, Jr.;A1;4\nDoe, Jane, Dr.;A2;5\n", "Smith, John, Jr.|Doe, Jane, Dr.", "A1|A2")] // as many fields either way: commas of text
    [InlineData("u1,i1,drama;comedy;romance;war\nu2,i2,action;crime;thriller;noir\n", "u1|u2", "i1|i2")] // a fixed-length list after the commas
    [InlineData("{3F2504E0-4F89-11D3-9A0C-0305E82C3301},{6B29FC40-CA47-1067-B31D-00DD010662DA}\n{3F2504E0-4F89-11D3-9A0C-0305E82C3302},{6B29FC40-CA47-1067-B31D-00DD010662DB}\n", "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}|{3F2504E0-4F89-11D3-9A0C-0305E82C3302}", "{6B29FC40-CA47-1067-B31D-00DD010662DA}|{6B29FC40-CA47-1067-B31D-00DD010662DB}")] // ids in braces are not JSON
    [InlineData("u1;i1;note, with a comma\nu2;i2;plain\n", "u1|u2", "i1|i2")] // commas in a free-text column
    [InlineData("John Smith,Book One\nAnn Lee,Book Two\nJohn Smith,Book Two\n", "John Smith|Ann Lee", "Book One|Book Two")] // spaces in a comma file
    [InlineData("1,2,2020-01-01 10:00\n2,3,2020-01-02 11:00\n", "1|2", "2|3")] // digits around every comma, yet separators
    [InlineData("u1,i1,4.5\nu2,i2,3.0\n", "u1|u2", "i1|i2")]
    [InlineData("u1,\"\"\"A\"\" ; B\"\nu2,\"C; D\"\n", "u1|u2", "\"A\" ; B|C; D")] // escaped quotes and ';' inside quoted fields of a comma file
    public void TheSeparatorIsTheOneThatSplitsTheLinesAlike(string text, string users, string items)
    {
        var d = InteractionReader.Read(_dir.File("f.txt", text), options: new ReadOptions { IdKind = IdKind.String });
        Assert.Equal(users, string.Join('|', d.Users.Names()));
        Assert.Equal(items, string.Join('|', d.Items.Names()));
    }

    [Fact]
    public void SemicolonsInTheTextOfACommaFile_LeaveTheUnevenLineAnError()
    {
        // ';' splits both lines in two, but the commas split them into more: the comma stays, and
        // the line with an unquoted comma in its text is named (read at ';' it would be a user
        // 'u1,b1,5,Great food').
        string f = _dir.File("reviews.csv", "u1,b1,5,Great food; nice staff\nu2,b2,4,Ok, fine; really\n");
        ReaderAssert.Fails(f, 2, "extra column: the line has 5 fields, the first data line (line 1) has 4");
    }

    [Fact]
    public void TwoByteSeparatorsAndAPandasIndexHeader_AreNamedWithTheirRemedy()
    {
        string dat = _dir.File("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n");
        ReaderAssert.Fails(dat, 1,
            $"missing column: the line has 1 field, 2 are needed (user in column 1, item in column 2); the fields are separated by '::' (MovieLens .dat): convert them first, e.g. sed 's/::/\\t/g' {dat} > {Path.ChangeExtension(dat, ".tsv")}");

        // The command never writes over the input: a .tsv gets a copy of another name, and a
        // path with a space is quoted; a relative name starting with '-' is not an option.
        string tsv = _dir.File("my ratings.tsv", "1::1193::5\n1::661::3\n");
        ReaderAssert.Fails(tsv, 1, $"sed 's/::/\\t/g' '{tsv}' > '{Path.ChangeExtension(tsv, ".converted.tsv")}'");
        Assert.Equal("sed x ./-r.dat > ./-r.tsv", ConversionCommand.Redirect("sed x", "-r.dat", ".tsv"));
        Assert.Equal("'./-n x.dat'", ConversionCommand.Quote("-n x.dat"));

        // pandas' to_csv of an unnamed frame: an empty field above the index, integer column names.
        ReaderAssert.Fails(_dir.File("pd.csv", ",0,1\n0,u1,i1\n1,u2,i2\n"), 1, "empty user id in column 1; a first line that starts with an empty field is usually the header pandas writes above a row index: write the file without it (pandas: to_csv(..., index=False)");

        // The same with tabs, whose leading empty field is trimmed with the line, and R's row
        // names: a header one field short of lines numbered in their first field. Read by the
        // names, the row numbers were the users.
        foreach (string text in new[]
        {
            "\tuser_id\titem_id\n0\tu1\ti1\n1\tu1\ti2\n2\tu2\ti1\n",
            "\"user\" \"item\" \"rating\"\n\"1\" \"u1\" \"i1\" 5\n\"2\" \"u1\" \"i2\" 4\n\"3\" \"u2\" \"i1\" 3\n",
            "\tuser_id\titem_id\trating\n5\tu1\ti1\t5\n17\tu2\ti2\t4\n3\tu1\ti3\t3\n",
        })
        {
            ReaderAssert.Fails(_dir.File("index.txt", text), 1, "the first a different integer on each line (");
        }

        // With integer column names the first line may be data: the short line is the error.
        ReaderAssert.Fails(_dir.File("index.txt", "\t0\t1\n0\tu1\ti1\n1\tu2\ti2\n2\tu2\ti1\n"), 2, "extra column: the line has 3 fields, the first data line (line 1) has 2");

        // A leave-one-out file whose header leaves its last column unnamed looks the same: under
        // --header yes it is read by the names; a comma file is never pandas' index (pandas keeps
        // the empty name); an adjacency list's first user may have one item or none.
        string loo = _dir.File("loo.tsv", "user_id\titem_id\n0\ti5\t1\n1\ti9\t1\n2\ti3\t1\n");
        ReaderAssert.Fails(loo, 1, "if the first column holds the users and the header leaves a last column unnamed, give --header yes");

        // Not counting up, under a header that does not start with the separator: a sound shuffled
        // split whose last column is unnamed, read by the names.
        string split = _dir.File("split.tsv", "user_id\titem_id\n62380\t19419\t5\n34189\t12122\t5\n12427\t19419\t4\n");
        Assert.Equal(["62380", "34189", "12427"], InteractionReader.Read(split, options: new ReadOptions { IdKind = IdKind.String }).Users.Names());
        Assert.Equal(["0", "1", "2"], InteractionReader.Read(loo, options: new ReadOptions { HasHeader = true, IdKind = IdKind.String }).Users.Names());
        Assert.Equal(["10", "11", "12"], InteractionReader.Read(_dir.File("loo.csv", "user_id,item_id\n0,10,5\n1,11,3\n2,12,4\n"), options: new ReadOptions { IdKind = IdKind.String }).Items.Names());
        Assert.Equal(3, InteractionReader.Read(_dir.File("adj.txt", "0\n1 5\n2 7\n3 9\n"), options: new ReadOptions { Format = InteractionFormat.Adjacency }).Train.Count);

        // An empty id further down is the plain error.
        ReaderAssert.Fails(_dir.File("e.csv", "u1,i1\n,i2\n"), 2, "empty user id");
    }

    [Fact]
    public void AHeaderlessTestFile_KeepsTheColumnsTheTrainingHeaderGave()
    {
        // The training export names its columns items first; the test file is the same export
        // without its header. By position its integer ids were read transposed, silently.
        string train = _dir.File("train.csv", "item_id,user_id,rating\n0,1,5\n1,2,4\n0,2,3\n2,1,4\n");
        string test = _dir.File("test.csv", "2,1,5\n0,2,4\n");
        var warnings = new Collect();
        var d = InteractionReader.Read(train, testPath: test, options: new ReadOptions { Warnings = warnings });
        Assert.Equal([("1", "2"), ("2", "0")], Pairs(d, d.Test!));
        Assert.Contains("no header; the training file's header (item_id, user_id, rating) puts the users in column 2 and the items in column 1, and the lines have as many fields, so they are read in those columns", Assert.Single(warnings.Lines), StringComparison.Ordinal);

        // Other field counts cannot be the same export: read by position, with the warning.
        var other = new Collect();
        var e = InteractionReader.Read(train, testPath: _dir.File("short.csv", "2,0\n1,1\n"), options: new ReadOptions { Warnings = other });
        Assert.Contains(("2", "0"), Pairs(e, e.Test!));
        Assert.Contains("no header, so the users are read from column 1 and the items from column 2; the training file's header", Assert.Single(other.Lines), StringComparison.Ordinal);

        // A training header in the usual order, or a test file with a header, changes nothing.
        var quiet = new Collect();
        InteractionReader.Read(_dir.File("usual.csv", "user_id,item_id\n1,0\n2,1\n"), testPath: test, options: new ReadOptions { Warnings = quiet });
        InteractionReader.Read(train, testPath: _dir.File("named.csv", "item_id,user_id\n2,1\n"), options: new ReadOptions { Warnings = quiet });
        Assert.Empty(quiet.Lines);
    }

    private static IEnumerable<(string User, string Item)> Pairs(Dataset d, InteractionList list)
        => Enumerable.Range(0, list.Count).Select(k => (d.Users.NameOf(list.Users[k]), d.Items.NameOf(list.Items[k])));

    [Fact]
    public void MatrixMarketAndKonectFiles_AreRefusedWithTheirConversion()
    {
        // Their '%' comments were read as interactions or broke the column count with advice that
        // then read them ('%' a user, 'bip' an item).
        string mm = _dir.File("m.mtx", "%%MatrixMarket matrix coordinate pattern general\n943 1682 3\n1 1\n1 2\n2 2\n");
        ReaderAssert.Fails(mm, 1, $"a Matrix Market file: its '%' comment lines and its size line are not interactions; convert it first (rows as users, columns as items), e.g. awk '!/^%/ && n++' {mm} > {Path.ChangeExtension(mm, ".tsv")}");
        string konect = _dir.File("out.konect", "% bip unweighted\n% 8 5 4\n1 1\n1 2\n2 3\n");
        ReaderAssert.Fails(konect, 1, $"the line starts with '%', which marks a comment in KONECT files, but only lines starting with '#' are skipped: remove those lines first, e.g. grep -v '^%' {konect} | tr -s ' \\t' '\\t' > {konect}.tsv");
        ReaderAssert.Fails(_dir.File("out.nospace", "%bip unweighted\n1 1\n2 1\n"), 1, "which marks a comment in KONECT files");

        // An id that starts with '%' (URL-encoded) is an id.
        Assert.Equal(2, InteractionReader.Read(_dir.File("url.tsv", "%E2%82%AC\ti1\n%20a\ti2\n")).Train.Count);
    }

    [Fact]
    public void AHeaderlessIdColumnOfTimes_IsRefused()
    {
        // Gowalla's raw check-ins and Last.fm 1K: user, time, ...; by position the times were the items.
        string gowalla = _dir.File("checkins.txt", "0\t2010-10-19T23:55:27Z\t30.23\t-97.79\t22847\n0\t2010-10-18T22:17:43Z\t30.26\t-97.74\t420315\n");
        ReaderAssert.Fails(gowalla, 1, "column 2, where the item ids are read in a file without a header, holds dates or times (2010-10-19T23:55:27Z, 2010-10-18T22:17:43Z, ...); give the file a header line that names the user and item columns");
        ReaderAssert.Fails(_dir.File("events.csv", "2015-06-02 05:02:12,u1,i1\n2015-06-02 05:50:14,u2,i2\n"), 1, "column 1, where the user ids are read");

        // Named, the columns are read; one id that is not a date is enough to read by position.
        var named = InteractionReader.Read(_dir.File("named.txt", "user_id\ttime\tlat\tlon\titem_id\n" + File.ReadAllText(gowalla)));
        Assert.Equal(["22847", "420315"], named.Items.Names().Order(StringComparer.Ordinal));
        Assert.Equal(2, InteractionReader.Read(_dir.File("mixed.csv", "u1,2010-10-19\nu2,i2\n")).Train.Count);
    }

    [Fact]
    public void ARowIndexWithoutAHeader_IsRefusedInTheTrainingFileOnly()
    {
        // pandas to_csv(header=False) and R write.table(col.names=FALSE) keep the row index as
        // column 1; read as users, every line was a user of its own (6 users, the users as items).
        const string reason = "column 1 holds a different integer on each of the {0} lines, so every user would have one interaction and nothing could be learnt";
        string pandas = _dir.File("pd.csv", "0,u1,i1\n1,u1,i2\n2,u2,i1\n3,u2,i3\n4,u3,i2\n5,u3,i3\n");
        ReaderAssert.Fails(pandas, 1, string.Format(CultureInfo.InvariantCulture, reason, 6));
        ReaderAssert.Fails(pandas, 1, "pandas: to_csv(..., index=False)");
        string r = _dir.File("r.txt", "\"1\" \"u1\" \"i1\" 5\n\"2\" \"u1\" \"i2\" 4\n\"3\" \"u2\" \"i1\" 3\n\"4\" \"u2\" \"i3\" 2\n\"5\" \"u3\" \"i2\" 5\n");
        ReaderAssert.Fails(r, 1, string.Format(CultureInfo.InvariantCulture, reason, 5));

        // After a filter, a shuffle or a split the index no longer counts up.
        ReaderAssert.Fails(_dir.File("shuffled.tsv", "17\tu1\ti1\n3\tu2\ti2\n42\tu1\ti3\n8\tu3\ti1\n29\tu2\ti3\n"), 1, string.Format(CultureInfo.InvariantCulture, reason, 5));

        // The ways out are named: a header, and adjacency lists for whitespace files.
        ReaderAssert.Fails(_dir.File("adj.txt", "0 1 2\n1 0 3\n2 1 4\n3 2 0\n4 3 1\n"), 1, "if every user really has one line, give the file a header line naming its columns (user_id, item_id, ...); if each line lists a user's items (LightGCN), set the format to adjacency");

        // Sound files that look alike in part: a toy file of five named users, one line each; a
        // leave-one-out test file (one line a user, users
        // in order) beside its training file; a first value that comes back on the last line; two
        // columns only; a toy file of four lines.
        string train = _dir.File("train.tsv", "0\t5\n0\t6\n1\t5\n2\t7\n3\t6\n4\t8\n5\t5\n");
        string test = _dir.File("test.tsv", "0\t7\t1\n1\t6\t1\n2\t5\t1\n3\t8\t1\n4\t5\t1\n5\t7\t1\n");
        Assert.Equal(6, InteractionReader.Read(train, testPath: test).Test!.Count);
        Assert.Equal(6, InteractionReader.Read(_dir.File("b.csv", "0,u1,i1\n1,u1,i2\n2,u2,i1\n3,u2,i3\n4,u3,i2\n0,u3,i3\n")).Train.Count);
        Assert.Equal(5, InteractionReader.Read(_dir.File("toy5.csv", "alice,matrix,5\nbob,titanic,4\ncarol,matrix,3\ndave,alien,5\neve,titanic,2\n")).Train.Count);
        Assert.Equal(6, InteractionReader.Read(_dir.File("two.csv", "0,i1\n1,i2\n2,i1\n3,i3\n4,i2\n5,i3\n")).Train.Count);
        Assert.Equal(4, InteractionReader.Read(_dir.File("toy.csv", "0,u1,i1\n1,u1,i2\n2,u2,i1\n3,u2,i3\n")).Train.Count);
    }

    [Fact]
    public void JsonExcelHintsPipesAndLineBreaksInQuotes_AreNamed()
    {
        string json = _dir.File("reviews.json", "{\"user_id\":\"u1\",\"business_id\":\"b1\",\"stars\":5.0}\n{\"user_id\":\"u2\",\"business_id\":\"b1\",\"stars\":4.0}\n");
        ReaderAssert.Fails(json, 1, $"the file looks like JSON, not lines of separated fields: convert it first, e.g. jq -r '[.user_id, .item_id] | @tsv' {json} > {Path.ChangeExtension(json, ".tsv")}");
        string array = _dir.File("pretty.json", "[\n  {\"user\": \"u1\", \"item\": \"i1\"}\n]\n");
        ReaderAssert.Fails(array, 1, $"the file looks like JSON, not lines of separated fields: convert it first, e.g. jq -r '.[] | [.user_id, .item_id] | @tsv' {array} > ");
        ReaderAssert.Fails(_dir.File("tabhint.tsv", "sep=\t\nu1\ti1\nu2\ti2\n"), 1, "is Excel's separator hint, not data: delete that line");
        ReaderAssert.Fails(_dir.File("excel.csv", "sep=;\nu1;i1\nu2;i2\n"), 1, "'sep=;' is Excel's separator hint, not data: delete that line");
        string pipes = _dir.File("p.txt", "u1|i1|5\nu2|i2|4\n");
        ReaderAssert.Fails(pipes, 1, $"'|' is not a separator read here: convert the file first, e.g. tr '|' '\\t' < {pipes} > {Path.ChangeExtension(pipes, ".tsv")}");

        // A review whose quoted text holds a line break: the error says why the line is short.
        var e = ReaderAssert.Fails(_dir.File("yelp.csv", "user_id,business_id,stars,text\nU1,B1,5,\"Great\nfood\"\nU2,B1,4,ok\n"), 3, "missing column: the line has 1 field");
        Assert.Contains("it holds an unpaired double quote: a quoted field that runs over a line end (text with line breaks) is not read as one field", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingTabs_AreEmptyLastFieldsOrStray()
    {
        // pandas writes a missing last value as nothing after the tab; trimmed with the line, it
        // read as a missing column.
        var d = InteractionReader.Read(_dir.File("notes.tsv", "user_id\titem_id\tnote\nu1\ti1\tx\nu2\ti2\t\nu3\ti1\tz\n"));
        Assert.Equal(3, d.Train.Count);

        // A stray tab at the end of some lines of a two-column file is no column either.
        Assert.Equal(3, InteractionReader.Read(_dir.File("stray.tsv", "u1\ti1\nu2\ti2\t\nu3\ti1\n")).Train.Count);

        // The first line's tab may be either; a later line that fits neither is the error.
        ReaderAssert.Fails(_dir.File("mixed.tsv", "u1\ti1\t\nu2\ti2\nu3\ti3\tx\n"), 3, "extra column: the line has 3 fields, the first data line (line 1) has 2");
        ReaderAssert.Fails(_dir.File("short.tsv", "u1\ti1\tx\nu2\ti2\t\nu3\n"), 3, "missing column: the line has 1 field, the first data line (line 1) has 3");
    }

    [Fact]
    public void AnOddFirstDataLine_IsTheOneNamed()
    {
        // The header and line 3 agree: line 2 is the one to mend, not line 3.
        ReaderAssert.Fails(_dir.File("odd.csv", "user,item\nu1,\"Weird, Al\" Yankovic\nu2,Heat\nu3,Up\n"), 2,
            "extra column: the line has 3 fields, the header and line 3 have 2; every line of an edge list has the same columns (a separator inside a field needs double quotes around the whole field)");
    }

    [Fact]
    public void MixedSeparators_AreAnErrorAtTheFirstOtherLine()
    {
        // The tester's file: tab lines with ';' lines among them, once read as 3,884 adjacency edges.
        var lines = Ratings('\t');
        for (int k = 5; k < lines.Count; k += 3)
        {
            lines[k] = lines[k].Replace('\t', ';');
        }

        string f = _dir.File("mixed.tsv", string.Join('\n', lines) + "\n");
        var e = ReaderAssert.Fails(f, 6, "missing column: the line has 1 field, the first data line (line 1) has 3");
        Assert.Contains("it contains ';' but fields are separated by tabs", e.Reason, StringComparison.Ordinal);

        // The other way round: a ';' file with a tab line.
        var semi = Ratings(';');
        semi[9] = semi[9].Replace(';', '\t');
        var s = ReaderAssert.Fails(_dir.File("mixed.csv", string.Join('\n', semi)), 10, "it contains a tab but fields are separated by semicolons");
        Assert.StartsWith("missing column", s.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRatingOnLine7_IsAnErrorAtLine7()
    {
        var lines = Ratings('\t');
        lines[6] = lines[6][..lines[6].LastIndexOf('\t')];
        ReaderAssert.Fails(_dir.File("r.tsv", string.Join('\n', lines)), 7, "missing column: the line has 2 fields, the first data line (line 1) has 3");

        // After a header and a comment the first data line is line 3 (a tab at the end would be an empty rating, as in a CSV file).
        ReaderAssert.Fails(_dir.File("h.tsv", "user\titem\trating\n# note\n1\t2\t5\n1\t3\n"), 4, "the first data line (line 3) has 3");
    }

    [Fact]
    public void ErrorsComeWhileStreaming_NotOnlyInTheSample()
    {
        // Far past the 200 sampled lines and the first megabyte.
        var lines = Ratings(',');
        var more = Enumerable.Range(0, 120_000).Select(k => $"{k % 977},{k % 1013},4").ToList();
        lines.AddRange(more);
        lines[110_000] += ",extra";
        var e = ReaderAssert.Fails(_dir.File("late.csv", string.Join('\n', lines)), 110_001, "extra column: the line has 4 fields");
        Assert.Contains("set the format to edge list", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraColumns_AreAnErrorUnlessTheFormatIsSet()
    {
        string f = _dir.File("x.tsv", "1\t2\n1\t3\t9\n2\t3\n");
        ReaderAssert.Fails(f, 2, "extra column: the line has 3 fields, the first data line (line 1) has 2");

        var d = InteractionReader.Read(f, options: new ReadOptions { Format = InteractionFormat.EdgeList });
        Assert.Equal(3, d.Train.Count);
        Assert.Equal([1, 1, 2], d.Train.Users);
        Assert.Equal([2, 3, 3], d.Train.Items);
    }

    [Fact]
    public void QuotedSeparators_StayInsideTheirField()
    {
        string f = _dir.File("q.csv", "user,item,review\n\"Smith, John\",\"b\",\"good, cheap\"\nann,\"c \"\"d\"\"\",\"ok\"\n");
        var d = InteractionReader.Read(f);
        Assert.Equal(["Smith, John", "ann"], d.Users.Names());
        Assert.Equal(["b", "c \"d\""], d.Items.Names()); // doubled quotes are one, as CSV writes them
    }

    [Fact]
    public void AdjacencyFormatOption_ReadsAdjacencyEvenWhenLinesAgree()
    {
        // Equal lengths and string ids: never detected, always read when set.
        string f = _dir.File("a.txt", "u1 i1 i2\nu2 i2 i3\n");
        var d = InteractionReader.Read(f, options: new ReadOptions { Format = InteractionFormat.Adjacency });
        Assert.Equal(4, d.Train.Count);
        Assert.Equal(["i1", "i2", "i3"], d.Items.Names());

        var auto = InteractionReader.Read(f);
        Assert.Equal(2, auto.Train.Count);
    }

    [Fact]
    public void LightGcnAdjacency_IsDetected()
    {
        // LightGCN's train.txt: users 0..n-1 in order, each with its items, degrees spread widely.
        var rng = new Random(11);
        var sb = new StringBuilder();
        long edges = 0;
        for (int u = 0; u < 500; u++)
        {
            var items = Enumerable.Range(0, 1 + (int)(Math.Pow(rng.NextDouble(), 3) * 60)).Select(_ => rng.Next(2000)).Distinct().ToList();
            edges += items.Count;
            sb.Append(u).Append(' ').AppendJoin(' ', items).Append('\n');
        }

        string f = _dir.File("train.txt", sb.ToString());
        var d = InteractionReader.Read(f);
        Assert.Equal(edges, d.Train.Count);
        Assert.Equal(500, d.UserCount);
        var forced = InteractionReader.Read(f, options: new ReadOptions { Format = InteractionFormat.Adjacency });
        Assert.Equal(forced.Train.Items, d.Train.Items);
    }

    [Fact]
    public void TheTrainingFilesLayout_IsTheTestFilesWhenTheFormatIsNotSet()
    {
        // Detected as adjacency lists; the test file's lines all have three fields, which alone
        // would read as an edge list with a third column: there they are two items each.
        string train = _dir.File("adj.txt", "0 1 2 3\n1 2\n2 0 1 4 5\n3 5 6\n4 1\n");
        string test = _dir.File("adj-test.txt", "0 4 9\n1 0 9\n2 2 9\n3 1 9\n4 0 9\n");
        var d = InteractionReader.Read(train, testPath: test);
        Assert.Equal(10, d.Test!.Count);
        Assert.Equal(10, d.ItemCount); // items 0..9
        var set = InteractionReader.Read(train, testPath: test, options: new ReadOptions { Format = InteractionFormat.Adjacency });
        Assert.Equal(set.Test!.Items, d.Test.Items);

        // An edge-list training file keeps the test file an edge list, its column checks included:
        // a test file that alone would read as adjacency lists is an error, not a silent mix.
        string edges = _dir.File("edges.txt", "0 1\n1 2\n2 3\n");
        Assert.Equal(2, InteractionReader.Read(edges, testPath: _dir.File("edges-test.txt", "0 2\n1 3\n")).Test!.Count);
        string lists = _dir.File("lists-test.txt", "0 1 2 3\n1 2\n2 0 1 4 5\n");
        Assert.Equal(8, InteractionReader.Read(lists).Train.Count);
        Assert.Contains("lists-test.txt:2: missing column", Assert.Throws<Baco.IO.DataFormatException>(() => InteractionReader.Read(edges, testPath: lists)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GowallaAsLightGcnAdjacency_IsDetectedWithTheSameEdges()
    {
        string dir = TestData.RequireDataset("gowalla");
        var edges = InteractionReader.Read(Path.Combine(dir, "train.tsv"));
        var sb = new StringBuilder();
        int previous = -1;
        for (int k = 0; k < edges.Train.Count; k++)
        {
            int u = edges.Train.Users[k];
            if (u != previous)
            {
                sb.Append(previous < 0 ? "" : "\n").Append(u);
                previous = u;
            }

            sb.Append(' ').Append(edges.Train.Items[k]);
        }

        var d = InteractionReader.Read(_dir.File("train.txt", sb.Append('\n').ToString()));
        Assert.Equal(edges.Train.Count, d.Train.Count);
        Assert.Equal(edges.Train.Items, d.Train.Items);
        Assert.Equal(edges.Train.Users, d.Train.Users);
    }

    [Fact]
    public void DetectedAdjacency_RejectsALaterNonIntegerToken()
    {
        var lines = Enumerable.Range(0, 300).Select(u => $"{u} " + string.Join(' ', Enumerable.Range(0, 1 + (u * 7 % 13)))).ToList();
        lines[250] = "250 17 608;1250";
        var e = ReaderAssert.Fails(_dir.File("adj.txt", string.Join('\n', lines)), 251, "'608;1250' is not an integer id");
        Assert.Contains("detected as LightGCN adjacency lists", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 1 2 3\n1 2\n2\n3 0 3\n", true)] // four lengths, one each
    [InlineData("0 1 9\n1 2\n2 0 8 7\n", true)] // three lengths, one each
    [InlineData("0 1 2\n1 2\n", false)] // two lines are too few to tell
    [InlineData("0 1 2\n1 2 3\n2 3\n3 4 5\n", false)] // two lengths: an edge list missing a column
    [InlineData("0 1 2\n1 2 3\n2 3\n3 4 5 6\n", true)] // three lengths, none on more than half
    [InlineData("0 1 2\n1 2 3\n2 3\n3 4 5 6\n4 5 6\n", false)] // three lengths, but 3 fields on more than half
    [InlineData("0 1 2 3\n1 2\n0 5\n3 0 3\n", false)] // user 0 starts two lines
    [InlineData("0 1 2 3\n1 2\nx\n3 0 3\n", false)] // a non-integer
    [InlineData("0 1 2 3\n1 2\n-2\n3 0 3\n", false)] // a sign is not a digit
    public void AdjacencyRule_OnHandMadeSamples(string sample, bool adjacency)
    {
        var lines = sample.TrimEnd('\n').Split('\n').Select(l => l.Split(' ')).ToList();
        Assert.Equal(adjacency, AdjacencyRule.Holds(lines));
    }

    [Fact]
    public void AdjacencyRule_IsNeverTrueForAnEdgeListWithOneBadLine()
    {
        // Property: whatever one line looks like, a constant-width edge list is not adjacency.
        var rng = new Random(5);
        for (int trial = 0; trial < 500; trial++)
        {
            int width = rng.Next(2, 6), count = rng.Next(3, 200);
            var lines = Enumerable.Range(0, count).Select(u => Enumerable.Range(0, width).Select(c => (c == 0 ? u : rng.Next(1000)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
            int bad = rng.Next(count);
            lines[bad] = lines[bad].Take(rng.Next(1, width + 3)).Concat(["7", "8"]).Take(rng.Next(1, width + 3)).ToArray();
            Assert.False(AdjacencyRule.Holds(lines), $"width {width}, {count} lines, line {bad} has {lines[bad].Length} fields");
        }
    }
}
