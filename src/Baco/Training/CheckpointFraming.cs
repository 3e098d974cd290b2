using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Baco.Training;

/// <summary>
/// The envelope of a checkpoint file: 8-byte magic, the file's total length (int64 LE), the
/// payload, then the SHA-256 of the payload. The length tells a truncated file from a damaged one,
/// the hash catches any other change. Files are written to a temporary sibling, flushed to disk and
/// moved into place, so a crash never leaves a half-written checkpoint under the real name.
/// Every failure is a <see cref="CheckpointException"/> naming the file.
/// </summary>
internal static class CheckpointFraming
{
    private const int HeaderLength = 16;
    private const int HashLength = 32;
    private static readonly byte[] Magic = "BACOCKP2"u8.ToArray();

    // Format 1 began with BinaryWriter's string prefix: length byte 8, then "BACOCKP1".
    private static readonly byte[] MagicV1 = [8, .. "BACOCKP1"u8];

    /// <summary>Deletes the temporary file of a write that was killed, if it is one of ours (starts with the magic).</summary>
    public static void RemoveInterruptedWrite(string path)
    {
        string tmp = path + ".tmp";
        try
        {
            if (!File.Exists(tmp))
            {
                return;
            }

            Span<byte> head = stackalloc byte[8];
            bool ours;
            using (var file = File.OpenRead(tmp))
            {
                ours = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(Magic);
            }

            if (ours)
            {
                File.Delete(tmp);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Harmless: the next checkpoint write replaces it.
        }
    }

    /// <summary>Writes <paramref name="writePayload"/>'s bytes as a framed checkpoint at <paramref name="path"/>.</summary>
    public static void Write(string path, Action<BinaryWriter> writePayload)
    {
        string tmp = path + ".tmp";
        try
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(Magic);
                file.Write(new byte[8]);
                using (var hashing = new HashingWriteStream(file))
                {
                    using (var w = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
                    {
                        writePayload(w);
                    }

                    file.Write(hashing.Hash());
                }

                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(length, file.Position);
                file.Position = Magic.Length;
                file.Write(length);
                file.Flush(flushToDisk: true);
            }

            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(tmp);
            throw new CheckpointException(path, $"cannot be written: {Baco.IO.IoFailure.Reason(e)}", e);
        }
    }

    /// <summary>
    /// Checks the envelope of an existing file (magic, length, hash) and returns the payload's
    /// bounds. Reads the whole file once.
    /// </summary>
    public static (long Start, long Length) Verify(string path)
    {
        using var file = Open(path);
        long actual = file.Length;
        Span<byte> header = stackalloc byte[HeaderLength];
        int got = file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        CheckMagic(path, header[..got]);
        if (got < HeaderLength)
        {
            throw new CheckpointException(path, $"truncated: {actual:N0} bytes, shorter than a checkpoint's header; delete it to start over");
        }

        long declared = BinaryPrimitives.ReadInt64LittleEndian(header[Magic.Length..]);
        if (actual < declared)
        {
            throw new CheckpointException(path, $"truncated: {actual:N0} of {declared:N0} bytes (the run writing it was killed, or the copy is incomplete); delete it to start over");
        }

        if (actual > declared || declared < HeaderLength + HashLength)
        {
            throw new CheckpointException(path, $"damaged: {actual:N0} bytes where the header says {declared:N0}; delete it to start over");
        }

        long payload = declared - HeaderLength - HashLength;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long left = payload; left > 0;)
        {
            int n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw new CheckpointException(path, "truncated while being read; delete it to start over");
            }

            hash.AppendData(buffer, 0, n);
            left -= n;
        }

        var stored = new byte[HashLength];
        file.ReadExactly(stored);
        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored))
        {
            throw new CheckpointException(path, "damaged: its checksum does not match its content; delete it to start over");
        }

        return (HeaderLength, payload);
    }

    /// <summary>Verifies the file, then lets <paramref name="readPayload"/> parse the payload.</summary>
    public static T Read<T>(string path, Func<BinaryReader, T> readPayload)
    {
        var (start, length) = Verify(path);
        using var file = Open(path);
        file.Position = start;
        using var r = new BinaryReader(file, Encoding.UTF8);
        try
        {
            T value = readPayload(r);
            if (file.Position != start + length)
            {
                throw new InvalidDataException($"payload ends at byte {file.Position:N0}, expected {start + length:N0}");
            }

            return value;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            // The checksum matched, so the writer itself produced this: a format defect, still reported on the file.
            throw new CheckpointException(path, $"unreadable ({e.Message}); delete it to start over", e);
        }
    }

    private static void CheckMagic(string path, ReadOnlySpan<byte> head)
    {
        if (head.Length >= MagicV1.Length && head[..MagicV1.Length].SequenceEqual(MagicV1))
        {
            throw new CheckpointException(path, "written by an older Baco (checkpoint format 1), which this version cannot resume; delete it to start over");
        }

        int n = Math.Min(head.Length, Magic.Length);
        if (!head[..n].SequenceEqual(Magic.AsSpan(0, n)))
        {
            throw new CheckpointException(path, "not a Baco training checkpoint; give a new file name or the checkpoint of an earlier run");
        }

        if (n < Magic.Length)
        {
            throw new CheckpointException(path, $"truncated: {head.Length} bytes, shorter than a checkpoint's header; delete it to start over");
        }
    }

    private static FileStream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CheckpointException(path, "is a directory; give the path of a file");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot be read: {Baco.IO.IoFailure.Reason(e)}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The failure being reported matters more than a leftover temporary file.
        }
    }
}
