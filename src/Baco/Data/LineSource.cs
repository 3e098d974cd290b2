namespace Baco.Data;

/// <summary>
/// Reads a file line by line into a reused byte buffer: no string per line. Lines are returned
/// without the terminating '\n'; the buffer grows only for a line longer than itself.
/// </summary>
internal sealed class LineSource : IDisposable
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly FileStream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public LineSource(FileStream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
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
                line = _buffer.AsSpan(_start, nl);
                _start += nl + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
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
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, checked(_buffer.Length * 2));
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

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
