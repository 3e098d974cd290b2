using Baco.Data;
using Baco.IO;

namespace Baco.Tests.Data;

/// <summary>Assertions on how <see cref="InteractionReader"/> rejects a file.</summary>
internal static class ReaderAssert
{
    /// <summary>
    /// Reads <paramref name="path"/> and asserts a <see cref="DataFormatException"/> naming that
    /// file and <paramref name="line"/> ("file:line: reason", or "file: reason" for line 0)
    /// whose reason contains <paramref name="reason"/>.
    /// </summary>
    public static DataFormatException Fails(string path, long line, string reason, ReadOptions? options = null)
    {
        var e = Assert.Throws<DataFormatException>(() => InteractionReader.Read(path, options: options));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.StartsWith(line > 0 ? $"{path}:{line}: " : $"{path}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        return e;
    }
}
