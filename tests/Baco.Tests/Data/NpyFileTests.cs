using System.Text;
using Baco.IO;

namespace Baco.Tests.Data;

public sealed class NpyFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>np.save("x.npy", np.array([1, 2, -3], dtype="&lt;i4")), written out by hand.</summary>
    private static byte[] ThreeInt32s()
    {
        const string dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0 };
        bytes.AddRange(Encoding.ASCII.GetBytes(dict + new string(' ', 60) + "\n"));
        bytes.AddRange([1, 0, 0, 0, 2, 0, 0, 0, 0xFD, 0xFF, 0xFF, 0xFF]);
        return [.. bytes];
    }

    [Fact]
    public void Int32_MatchesNumPyBytes()
    {
        string path = _dir["x.npy"];
        NpyFile.WriteInt32(path, [1, 2, -3]);
        byte[] written = File.ReadAllBytes(path);
        Assert.Equal(ThreeInt32s(), written);
        Assert.Equal(0, (written.Length - 12) % 64);
        Assert.Equal([1, 2, -3], NpyFile.ReadInt32(_dir.File("y.npy", ThreeInt32s())));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void Vectors_RoundTrip(int n)
    {
        var rng = new Random(n);
        int[] ints = [.. Enumerable.Range(0, n).Select(_ => rng.Next(int.MinValue, int.MaxValue))];
        long[] longs = [.. Enumerable.Range(0, n).Select(_ => rng.NextInt64(long.MinValue, long.MaxValue))];
        float[] floats = [.. Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() - 0.5f)];
        NpyFile.WriteInt32(_dir["i.npy"], ints);
        NpyFile.WriteInt64(_dir["l.npy"], longs);
        NpyFile.WriteFloat32(_dir["f.npy"], floats);
        Assert.Equal(ints, NpyFile.ReadInt32(_dir["i.npy"]));
        Assert.Equal(longs, NpyFile.ReadInt64(_dir["l.npy"]));
        Assert.Equal(floats, NpyFile.ReadFloat32(_dir["f.npy"]));
        foreach (string f in new[] { "i.npy", "l.npy", "f.npy" })
        {
            byte[] b = File.ReadAllBytes(_dir[f]);
            int headerEnd = 10 + (b[8] | (b[9] << 8));
            Assert.Equal(0, headerEnd % 64);
            Assert.Equal((byte)'\n', b[headerEnd - 1]);
        }
    }

    [Fact]
    public void Matrix_RoundTripsRowMajor()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        NpyFile.WriteFloat32Matrix(_dir["m.npy"], data, 2, 3);
        string header = Encoding.ASCII.GetString(File.ReadAllBytes(_dir["m.npy"]), 10, 60);
        Assert.Contains("'shape': (2, 3)", header, StringComparison.Ordinal);
        var m = NpyFile.ReadFloat32Matrix(_dir["m.npy"]);
        Assert.Equal(2, m.Rows);
        Assert.Equal(3, m.Columns);
        Assert.Equal(data, m.Data);
        Assert.Equal([4f, 5f, 6f], m.Row(1).ToArray());
        Assert.Throws<ArgumentException>(() => NpyFile.WriteFloat32Matrix(_dir["bad.npy"], data, 4, 2));
    }

    private static void Rejects(string path, string reason, Action<string> read)
    {
        var e = Assert.Throws<DataFormatException>(() => read(path));
        Assert.Contains(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongDtype_IsRejected()
    {
        NpyFile.WriteInt64(_dir["l.npy"], [1, 2]);
        Rejects(_dir["l.npy"], "dtype is '<i8', expected '<i4'", p => NpyFile.ReadInt32(p));
        Rejects(_dir["l.npy"], "expected '<f4'", p => NpyFile.ReadFloat32(p));
    }

    [Fact]
    public void WrongRank_IsRejected()
    {
        NpyFile.WriteFloat32Matrix(_dir["m.npy"], [1, 2], 1, 2);
        Rejects(_dir["m.npy"], "2 dimension(s)", p => NpyFile.ReadFloat32(p));
        NpyFile.WriteFloat32(_dir["v.npy"], [1, 2]);
        Rejects(_dir["v.npy"], "expected 2", p => NpyFile.ReadFloat32Matrix(p));
    }

    [Fact]
    public void Truncated_TrailingAndNotNpy_AreRejected()
    {
        byte[] good = ThreeInt32s();
        Rejects(_dir.File("t.npy", good[..^2]), "truncated", p => NpyFile.ReadInt32(p));
        Rejects(_dir.File("x.npy", [.. good, 0]), "trailing", p => NpyFile.ReadInt32(p));
        Rejects(_dir.File("txt.npy", "hello world, not numpy"), "magic", p => NpyFile.ReadInt32(p));
        Rejects(_dir["missing.npy"], "not found", p => NpyFile.ReadInt32(p));
        byte[] fortran = [.. good];
        Encoding.ASCII.GetBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 3), }").CopyTo(fortran, 10);
        Rejects(_dir.File("f.npy", fortran), "Fortran", p => NpyFile.ReadFloat32Matrix(p));
    }

    [Fact]
    public void Version2Header_IsRead()
    {
        // numpy writes 2.0 only for huge headers, but readers should accept it.
        const string dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }";
        string text = dict + new string(' ', 128 - 12 - dict.Length - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 };
        bytes.AddRange(BitConverter.GetBytes((uint)text.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(text));
        bytes.AddRange([7, 0, 0, 0, 9, 0, 0, 0]);
        Assert.Equal([7, 9], NpyFile.ReadInt32(_dir.File("v2.npy", [.. bytes])));
    }
}
