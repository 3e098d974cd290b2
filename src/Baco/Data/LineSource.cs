using Baco.IO;

namespace Baco.Data;

/// <summary>
/// Reads a file line by line into a reused byte buffer: no string per line. Lines are returned
/// without the terminating '\n'; the buffer grows only for a line longer than itself. Every byte
/// returned has passed <see cref="TextCheck"/>: a bad byte is a <see cref="DataFormatException"/>
/// naming its line, raised when that line is reached (so earlier lines' errors come first).
/// </summary>
internal sealed class LineSource : IDisposable
{
    /// <summary>Longest line accepted by default; beyond it the buffer could not double any more.</summary>
    public const int DefaultMaxLineBytes = 1 << 30;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Whether a line starts with a UTF-8 byte order mark: inside a file, the mark of files saved
    /// with one (as Excel does) and joined one after another. Read as text, it would make
    /// "\uFEFFu2" another user than "u2" and a repeated header an interaction.
    /// </summary>
    public static bool StartsWithBom(ReadOnlySpan<byte> line) => line.StartsWith(Bom);

    /// <summary>The line without a leading byte order mark.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> line) => StartsWithBom(line) ? FieldCursor.Trim(line[Bom.Length..]) : line;

    private readonly FileStream _stream;
    private readonly string _path;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;

    // Bytes before this buffer index have been checked (whole lines only).
    private int _checked;
    private bool _eof;

    public LineSource(FileStream stream, string path, int bufferSize = 1 << 20, int maxLineBytes = DefaultMaxLineBytes)
    {
        _stream = stream;
        _path = path;
        _maxLineBytes = maxLineBytes;

        // A small file needs no megabyte buffer: one byte more than its length reaches end of file.
        long size = stream.CanSeek ? stream.Length - stream.Position + 1 : bufferSize;
        _buffer = new byte[(int)Math.Min(size, bufferSize)];
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes of the file consumed as lines so far.</summary>
    public long BytesConsumed => _stream.Position - (_end - _start);

    /// <summary>True once the whole file is in the buffer or consumed.</summary>
    public bool AtEndOfFile => _eof;

    /// <summary>
    /// Fills the buffer with up to <paramref name="bytes"/> bytes from the start of the file (for
    /// sniffing the layout) and skips a UTF-8 byte order mark. Call before the first line.
    /// </summary>
    public ReadOnlySpan<byte> Prefetch(int bytes)
    {
        bytes = Math.Min(bytes, _buffer.Length);
        while (_end < bytes && !_eof)
        {
            Fill();
        }

        if (_buffer.AsSpan(0, _end).StartsWith(Bom))
        {
            _start = Bom.Length;
        }

        return _buffer.AsSpan(_start, _end - _start);
    }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int nl = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                if (_start + nl >= _checked)
                {
                    Check(_start + nl);
                }

                line = _buffer.AsSpan(_start, nl);
                _start += nl + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    Check(_end);
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    LineNumber++;
                    return true;
                }

                line = default;
                return false;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _checked = Math.Max(0, _checked - _start);
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                GrowForLongLine();
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    // Checks the complete lines in the buffer from the current line on; throws if the current
    // line (ending at lineEnd) is bad, else stops the checked range before the bad line.
    private void Check(int lineEnd)
    {
        int from = Math.Max(_checked, _start);
        int stop = _eof && lineEnd == _end ? _end : from + _buffer.AsSpan(from, _end - from).LastIndexOf((byte)'\n') + 1;
        int bad = TextCheck.FindProblem(_buffer.AsSpan(from, stop - from), final: stop == _end && _eof, out string reason);
        if (bad < 0)
        {
            _checked = stop;
            return;
        }

        int at = from + bad;
        if (at < lineEnd)
        {
            throw new DataFormatException(_path, LineNumber + 1, reason);
        }

        _checked = from + _buffer.AsSpan(from, at - from).LastIndexOf((byte)'\n') + 1;
    }

    private void GrowForLongLine()
    {
        var partial = _buffer.AsSpan(_start, _end - _start);

        // A CR-only or binary file is one endless line: say so before reading all of it into memory.
        if (TextCheck.FindProblem(partial, final: false, out string reason) >= 0)
        {
            throw new DataFormatException(_path, LineNumber + 1, reason);
        }

        if (_buffer.Length >= _maxLineBytes)
        {
            throw new DataFormatException(_path, LineNumber + 1, $"line longer than {(_maxLineBytes >= 1 << 20 ? $"{_maxLineBytes >> 20} MiB" : $"{_maxLineBytes} bytes")} without a line break; not an interaction file");
        }

        Array.Resize(ref _buffer, (int)Math.Min(_maxLineBytes, _buffer.Length * 2L));
    }

    private void Fill()
    {
        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }
}
