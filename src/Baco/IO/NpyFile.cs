using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Baco.IO;

/// <summary>
/// NumPy .npy files (format version 1.0) for the arrays Baco exchanges with Python: int32, int64
/// and float32 vectors and row-major float32 matrices, little-endian. Readers check magic,
/// dtype, shape and length and throw <see cref="DataFormatException"/> naming the file.
/// </summary>
internal static partial class NpyFile
{
    private const int Alignment = 64;
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes a 1-D int32 array ('&lt;i4').</summary>
    public static void WriteInt32(string path, ReadOnlySpan<int> values) => Write(path, values, "<i4", [values.Length]);

    /// <summary>Writes a 1-D int64 array ('&lt;i8').</summary>
    public static void WriteInt64(string path, ReadOnlySpan<long> values) => Write(path, values, "<i8", [values.Length]);

    /// <summary>Writes a 1-D float32 array ('&lt;f4').</summary>
    public static void WriteFloat32(string path, ReadOnlySpan<float> values) => Write(path, values, "<f4", [values.Length]);

    /// <summary>Writes a row-major float32 matrix of shape (rows, columns).</summary>
    public static void WriteFloat32Matrix(string path, ReadOnlySpan<float> values, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if ((long)rows * columns != values.Length)
        {
            throw new ArgumentException($"Matrix of {rows} x {columns} needs {(long)rows * columns} values, got {values.Length}.", nameof(values));
        }

        Write(path, values, "<f4", [rows, columns]);
    }

    /// <summary>Reads a 1-D int32 array.</summary>
    public static int[] ReadInt32(string path) => Read<int>(path, "<i4", 1).Data;

    /// <summary>Reads a 1-D int64 array.</summary>
    public static long[] ReadInt64(string path) => Read<long>(path, "<i8", 1).Data;

    /// <summary>Reads a 1-D float32 array.</summary>
    public static float[] ReadFloat32(string path) => Read<float>(path, "<f4", 1).Data;

    /// <summary>Reads a 2-D row-major float32 matrix.</summary>
    public static NpyMatrix ReadFloat32Matrix(string path)
    {
        var (data, shape) = Read<float>(path, "<f4", 2);
        return new NpyMatrix(data, (int)shape[0], (int)shape[1]);
    }

    /// <summary>The complete header (magic to the final newline) for a dtype and shape.</summary>
    internal static byte[] Header(string descr, ReadOnlySpan<int> shape)
    {
        string dims = shape.Length == 1
            ? shape[0].ToString(CultureInfo.InvariantCulture) + ","
            : string.Join(", ", shape.ToArray().Select(d => d.ToString(CultureInfo.InvariantCulture)));
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";

        // magic(6) + version(2) + length(2) + dict + padding + '\n' is a multiple of 64.
        int unpadded = Magic.Length + 4 + dict.Length + 1;
        int padding = (Alignment - (unpadded % Alignment)) % Alignment;
        string text = dict + new string(' ', padding) + "\n";
        var header = new byte[Magic.Length + 4 + text.Length];
        Magic.CopyTo(header);
        header[6] = 1;
        header[7] = 0;
        header[8] = (byte)(text.Length & 0xFF);
        header[9] = (byte)(text.Length >> 8);
        Encoding.ASCII.GetBytes(text, header.AsSpan(10));
        return header;
    }

    private static void Write<T>(string path, ReadOnlySpan<T> values, string descr, ReadOnlySpan<int> shape)
        where T : unmanaged
    {
        EnsureLittleEndian();
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(Header(descr, shape));
        stream.Write(MemoryMarshal.AsBytes(values));
        stream.Flush(flushToDisk: true);
    }

    private static (T[] Data, long[] Shape) Read<T>(string path, string descr, int rank)
        where T : unmanaged
    {
        EnsureLittleEndian();
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, 0, "file not found");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DataFormatException(path, 0, Directory.Exists(path) ? "is a directory, not a .npy file" : $"cannot be read: {IoFailure.Reason(e)}");
        }

        using (stream)
        {
            var (foundDescr, fortran, shape, dataStart) = ReadHeader(path, stream);
            if (foundDescr != descr)
            {
                throw new DataFormatException(path, 0, $"dtype is '{foundDescr}', expected '{descr}'");
            }

            if (shape.Length != rank)
            {
                throw new DataFormatException(path, 0, $"array has {shape.Length} dimension(s) ({string.Join(", ", shape)}), expected {rank}");
            }

            if (fortran && rank > 1)
            {
                throw new DataFormatException(path, 0, "array is in Fortran (column-major) order; expected C order");
            }

            long count = 1;
            foreach (long d in shape)
            {
                count *= d;
                if (d < 0 || count > Array.MaxLength)
                {
                    throw new DataFormatException(path, 0, $"shape ({string.Join(", ", shape)}) is negative or too large");
                }
            }

            long bytes = count * Marshal.SizeOf<T>();
            long available = stream.Length - dataStart;
            if (available != bytes)
            {
                throw new DataFormatException(path, 0, available < bytes
                    ? $"truncated: shape ({string.Join(", ", shape)}) needs {bytes} data bytes, the file has {available}"
                    : $"{available - bytes} unexpected trailing bytes after the data");
            }

            var data = new T[count];
            stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
            return (data, shape);
        }
    }

    private static (string Descr, bool Fortran, long[] Shape, long DataStart) ReadHeader(string path, Stream stream)
    {
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < 10 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new DataFormatException(path, 0, "not a .npy file (missing the \\x93NUMPY magic)");
        }

        int major = prefix[6];
        long headerLength, start;
        if (major == 1)
        {
            headerLength = prefix[8] | (prefix[9] << 8);
            start = 10;
        }
        else if (major is 2 or 3 && got >= 12)
        {
            headerLength = BitConverter.ToUInt32(prefix[8..12]);
            start = 12;
        }
        else
        {
            throw new DataFormatException(path, 0, $"unsupported .npy format version {major}.{prefix[7]}");
        }

        if (start + headerLength > stream.Length || headerLength > 1 << 20)
        {
            throw new DataFormatException(path, 0, "truncated .npy header");
        }

        var text = new byte[headerLength];
        stream.Position = start;
        stream.ReadExactly(text);
        string header = Encoding.UTF8.GetString(text);

        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new DataFormatException(path, 0, $"malformed .npy header: {header.Trim()}");
        }

        var dims = new List<long>();
        foreach (string part in shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out long d))
            {
                throw new DataFormatException(path, 0, $"malformed shape in .npy header: ({shape.Groups[1].Value})");
            }

            dims.Add(d);
        }

        return (descr.Groups[1].Value, fortran.Groups[1].Value == "True", [.. dims], start + headerLength);
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(".npy I/O assumes a little-endian machine.");
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
