using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Baco.Models;

/// <summary>
/// Minimal .npy (NumPy format 1.0) reader/writer for little-endian float32, int32 and int64,
/// C order. Kept internal and small so a shared implementation can replace it.
/// </summary>
internal static partial class NpyCodec
{
    private static ReadOnlySpan<byte> MagicBytes => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void Write<T>(string path, ReadOnlySpan<T> data, params int[] shape)
        where T : unmanaged
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) does not hold {data.Length} values.");
        }

        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string header = $"{{'descr': '{Descr<T>()}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int total = MagicBytes.Length + 4 + header.Length + 1;
        int pad = (64 - (total % 64)) % 64;
        header = header + new string(' ', pad) + "\n";
        using var stream = File.Create(path);
        stream.Write(MagicBytes);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> len = [(byte)(header.Length & 0xFF), (byte)(header.Length >> 8)];
        stream.Write(len);
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    public static (T[] Data, int[] Shape) Read<T>(string path)
        where T : unmanaged
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        stream.ReadExactly(head);
        if (!head[..6].SequenceEqual(MagicBytes))
        {
            throw new InvalidDataException($"{path}: not a .npy file.");
        }

        int headerLength;
        if (head[6] == 1)
        {
            Span<byte> l = stackalloc byte[2];
            stream.ReadExactly(l);
            headerLength = l[0] | (l[1] << 8);
        }
        else
        {
            Span<byte> l = stackalloc byte[4];
            stream.ReadExactly(l);
            headerLength = BitConverter.ToInt32(l);
        }

        var hb = new byte[headerLength];
        stream.ReadExactly(hb);
        string header = Encoding.ASCII.GetString(hb);
        var descr = DescrPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !shapeMatch.Success || header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: unsupported .npy header {header.Trim()}.");
        }

        if (descr.Groups[1].Value != Descr<T>())
        {
            throw new InvalidDataException($"{path}: holds {descr.Groups[1].Value}, expected {Descr<T>()}.");
        }

        int[] shape = [.. shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var data = new T[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return (data, shape);
    }

    private static string Descr<T>()
        where T : unmanaged
        => typeof(T) == typeof(float) ? "<f4" : typeof(T) == typeof(int) ? "<i4" : typeof(T) == typeof(long) ? "<i8"
            : throw new NotSupportedException($"No .npy type for {typeof(T)}.");

    [GeneratedRegex(@"'descr':\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
