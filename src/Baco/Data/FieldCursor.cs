namespace Baco.Data;

/// <summary>
/// Walks the fields of one line of UTF-8 bytes without allocating: either fields separated by
/// one delimiter byte (empty fields count) or, with delimiter 0, runs of spaces and tabs.
/// Fields are trimmed of spaces and of one pair of surrounding double quotes.
/// </summary>
internal ref struct FieldCursor
{
    private readonly byte _delimiter;
    private ReadOnlySpan<byte> _rest;
    private bool _done;

    public FieldCursor(ReadOnlySpan<byte> line, byte delimiter)
    {
        _rest = line;
        _delimiter = delimiter;
        _done = false;
    }

    public bool Next(out ReadOnlySpan<byte> field)
    {
        if (_delimiter == 0)
        {
            int s = 0;
            while (s < _rest.Length && IsBlank(_rest[s]))
            {
                s++;
            }

            if (s == _rest.Length)
            {
                field = default;
                _rest = default;
                return false;
            }

            var r = _rest[s..];
            int e = r.IndexOfAny((byte)' ', (byte)'\t');
            if (e < 0)
            {
                e = r.Length;
            }

            field = Unquote(r[..e]);
            _rest = r[e..];
            return true;
        }

        if (_done)
        {
            field = default;
            return false;
        }

        int d = _rest.IndexOf(_delimiter);
        if (d < 0)
        {
            field = Unquote(Trim(_rest));
            _done = true;
        }
        else
        {
            field = Unquote(Trim(_rest[..d]));
            _rest = _rest[(d + 1)..];
        }

        return true;
    }

    public static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\f' or (byte)'\v';

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsBlank(s[a]))
        {
            a++;
        }

        while (b > a && IsBlank(s[b - 1]))
        {
            b--;
        }

        return s[a..b];
    }

    /// <summary>Number of fields of a line.</summary>
    public static int Count(ReadOnlySpan<byte> line, byte delimiter)
    {
        var c = new FieldCursor(line, delimiter);
        int n = 0;
        while (c.Next(out _))
        {
            n++;
        }

        return n;
    }

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> f)
        => f.Length >= 2 && f[0] == (byte)'"' && f[^1] == (byte)'"' ? f[1..^1] : f;
}
