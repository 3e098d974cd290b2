using Baco.Data;
using Baco.IO;

namespace Baco.Tests.Data;

[Trait("Category", "Fault")]
public sealed class InteractionReaderErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DataFormatException Fails(string path, long line, string reason, ReadOptions? options = null, string? val = null)
    {
        var e = Assert.Throws<DataFormatException>(() => InteractionReader.Read(path, val, options: options));
        Assert.Equal(line, e.Line);
        Assert.Contains(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.Contains($":{line}:", e.Message, StringComparison.Ordinal);
        }

        Assert.Contains(reason, e.Reason, StringComparison.OrdinalIgnoreCase);
        return e;
    }

    [Theory]
    [InlineData("timestamp,user_id\n1600000001,0\n1600000002,1\n", "names no item column, and column 1, where the item ids would be, is 'timestamp'")]
    [InlineData("user_id,rating\n0,4\n1,5\n", "names no item column, and column 2, where the item ids would be, is 'rating'")]
    [InlineData("rating,userId\n5,0\n4,1\n", "names no item column, and column 1, where the item ids would be, is 'rating'")]
    [InlineData("date,item_id\n20200101,3\n20200102,4\n", "names no user column, and column 1, where the user ids would be, is 'date'")]
    public void AHeaderThatNamesOneIdColumnAndAMeasureWhereTheOtherWouldBe_IsRefused(string content, string reason)
        => Fails(_dir.File("h.csv", content), 1, reason);

    [Fact]
    public void AnEdgeListWithAHeaderForcedToAdjacency_IsRefused()
        => Fails(_dir.File("e.csv", "user,item,rating\n0,24,4.0\n1,3,5.0\n"), 1, "adjacency lists have no header, but this line (user, item, rating) reads as one",
            new ReadOptions { Format = InteractionFormat.Adjacency });

    [Fact]
    public void MissingFile() => Fails(_dir["nope.tsv"], 0, "not found");

    [Fact]
    public void MissingValidationFile()
    {
        string train = _dir.File("train.tsv", "0\t1\n");
        var e = Assert.Throws<DataFormatException>(() => InteractionReader.Read(train, _dir["val.tsv"]));
        Assert.Contains("val.tsv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_IsNotAFile() => Fails(_dir.Path, 0, "directory");

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n# only a comment\n")]
    public void EmptyFile(string content) => Fails(_dir.File("empty.tsv", content), 0, "empty");

    [Fact]
    public void HeaderOnlyFile() => Fails(_dir.File("h.csv", "user_id,item_id,rating\n"), 0, "header line but no interactions");

    [Fact]
    public void BinaryFile_NulBytes() => Fails(_dir.File("bin.tsv", [1, 2, 0, 0, 3, 10, 9]), 0, "binary");

    [Fact]
    public void BinaryFile_InvalidUtf8() => Fails(_dir.File("latin.tsv", [(byte)'a', 9, 0xE9, 0xFF, 10]), 1, "invalid UTF-8 byte 0xE9");

    [Fact]
    public void MissingColumn_InEdgeList()
    {
        var e = Fails(_dir.File("short.tsv", "1\t2\n1\t3\n2\n"), 3, "missing column");
        Assert.Contains("1 field", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingColumn_AfterHeader() => Fails(_dir.File("short.csv", "user,item\n1,2\n\n3\n"), 4, "missing column");

    [Fact]
    public void EveryLineBelowMinRating()
        => Fails(_dir.File("low.tsv", "user\titem\trating\nu1\ti1\t4.5\nu2\ti2\t4\n"), 0, "no line has a rating of at least 5 (2 interaction lines, all below it)", new ReadOptions { MinRating = 5 });

    [Fact]
    public void MissingRatingColumn_WithMinRating()
        => Fails(_dir.File("r.tsv", "1\t2\t5\n1\t3\n"), 2, "missing column", new ReadOptions { MinRating = 4 });

    [Fact]
    public void RatingNotANumber()
        => Fails(_dir.File("r.csv", "user,item,rating\n1,2,five\n"), 2, "not a number", new ReadOptions { MinRating = 4 });

    [Fact]
    public void TypedHeader_FloatViolation()
        => Fails(_dir.File("a.inter", "user_id:token\titem_id:token\trating:float\n1\t2\t4.5\n1\t3\tgood\n"), 3, "not a float");

    [Fact]
    public void TypedHeader_IntIdViolation()
        => Fails(_dir.File("b.inter", "user_id:int\titem_id:token\n1\t2\nbob\t3\n"), 3, "not an int");

    [Fact]
    public void IntegerIds_RejectNames()
        => Fails(_dir.File("n.tsv", "1\t2\n1\tx7\n"), 2, "item id 'x7' is not a canonical non-negative integer", new ReadOptions { IdKind = IdKind.Integer });

    [Fact]
    public void EmptyIdField() => Fails(_dir.File("e.csv", "user,item\n1,2\n,3\n"), 3, "empty user id");

    [Fact]
    public void UnknownColumnName()
        => Fails(_dir.File("c.csv", "user,item\n1,2\n"), 1, "no item column named 'sku'", new ReadOptions { ItemColumn = "sku" });

    [Fact]
    public void ErrorInValidationFile_NamesThatFile()
    {
        string train = _dir.File("train.tsv", "0\t1\n0\t2\n");
        string val = _dir.File("val.tsv", "0\t1\n0\n0\t1\n0\t3\n");
        var e = Assert.Throws<DataFormatException>(() => InteractionReader.Read(train, val));
        Assert.Equal(val, e.File);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void SameUserAndItemColumn()
        => Fails(_dir.File("same.csv", "user,item\n1,2\n"), 1, "same column", new ReadOptions { UserColumn = "item", ItemColumn = "1" });

    [Fact]
    public void ColumnNameWithoutHeader()
        => Fails(_dir.File("nh.tsv", "1\t2\n"), 0, "no header line", new ReadOptions { UserColumn = "uid", HasHeader = false });
}
