using System.Runtime.CompilerServices;

namespace Baco.Data;

/// <summary>
/// Walks the fields of one line of UTF-8 bytes without allocating: either fields separated by
/// one delimiter byte (empty fields count) or, with delimiter 0, runs of spaces and tabs.
/// Fields are trimmed of spaces and of one pair of surrounding double quotes; a quoted field may
/// contain the separator.
/// </summary>
internal ref struct FieldCursor
{
    private const byte Done = 1;

    // Set once a quoted field found no closing quote: none of the rest of the line can, so later
    // fields skip the search (without this, a line of many '"x,' fields is quadratic).
    private const byte NoClosingQuote = 2;

    // Set while the field last returned was enclosed in quotes (which were removed).
    private const byte LastQuoted = 4;

    private readonly byte _delimiter;
    private ReadOnlySpan<byte> _rest;

    // One byte for all flags: with four fields the JIT keeps the cursor in registers.
    private byte _flags;

    /// <summary>Whether the field last returned was enclosed in double quotes: only there is a doubled quote ("") an escaped one.</summary>
    public readonly bool WasQuoted => (_flags & LastQuoted) != 0;

    public FieldCursor(ReadOnlySpan<byte> line, byte delimiter)
    {
        _rest = line;
        _delimiter = delimiter;
        _flags = 0;
    }

    public bool Next(out ReadOnlySpan<byte> field)
    {
        _flags &= unchecked((byte)~LastQuoted);
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

            if (r[0] == (byte)'"')
            {
                return NextQuotedInRun(r, e, out field);
            }

            field = r[..e];
            _rest = r[e..];
            return true;
        }

        if ((_flags & Done) != 0)
        {
            field = default;
            return false;
        }

        int d = _rest.IndexOf(_delimiter);
        var piece = Trim(d < 0 ? _rest : _rest[..d]);
        if (!piece.IsEmpty && piece[0] == (byte)'"')
        {
            return NextQuoted(piece, d, out field);
        }

        field = piece;
        Advance(d);
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

    /// <summary>Number of fields not returned yet; counts separators when no quote can hide one.</summary>
    public int CountRest()
    {
        if (_delimiter != 0 && (_flags & Done) == 0)
        {
            // Short rests (a rating, a timestamp) are counted in one plain pass, long ones vectorised.
            if (_rest.Length <= 32)
            {
                int separators = 0;
                bool quote = false;
                foreach (byte b in _rest)
                {
                    separators += b == _delimiter ? 1 : 0;
                    quote |= b == (byte)'"';
                }

                if (!quote)
                {
                    return separators + 1;
                }
            }
            else if (!_rest.Contains((byte)'"'))
            {
                return _rest.Count(_delimiter) + 1;
            }
        }

        int n = 0;
        while (Next(out _))
        {
            n++;
        }

        return n;
    }

    /// <summary>Number of fields of a line.</summary>
    public static int Count(ReadOnlySpan<byte> line, byte delimiter) => new FieldCursor(line, delimiter).CountRest();

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> f)
        => f.Length >= 2 && f[0] == (byte)'"' && f[^1] == (byte)'"' ? f[1..^1] : f;

    private static int NextQuote(ReadOnlySpan<byte> s, int q)
    {
        int next = s[(q + 1)..].IndexOf((byte)'"');
        return next < 0 ? -1 : q + 1 + next;
    }

    // Past the separator at d, or to the end of the line when there is none.
    private void Advance(int d)
    {
        if (d < 0)
        {
            _flags |= Done;
            _rest = default;
        }
        else
        {
            _rest = _rest[(d + 1)..];
        }
    }

    // Quoted fields are rare: kept out of Next so that it stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NextQuoted(ReadOnlySpan<byte> piece, int d, out ReadOnlySpan<byte> field)
    {
        if (OpensQuote(piece))
        {
            var t = TrimStart(_rest);
            if (Quoted(t, out field, out int end))
            {
                _flags |= LastQuoted;
                Advance(end == t.Length ? -1 : end + (_rest.Length - t.Length));
                return true;
            }
        }

        field = Unquote(piece);
        if (field.Length != piece.Length)
        {
            _flags |= LastQuoted;
        }

        Advance(d);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NextQuotedInRun(ReadOnlySpan<byte> r, int e, out ReadOnlySpan<byte> field)
    {
        if (OpensQuote(r[..e]) && Quoted(r, out field, out int after))
        {
            _flags |= LastQuoted;
            _rest = r[after..];
            return true;
        }

        field = Unquote(r[..e]);
        if (field.Length != e)
        {
            _flags |= LastQuoted;
        }

        _rest = r[e..];
        return true;
    }

    // Only a field that starts with a quote it does not close before the next separator needs
    // the search below; the common fields (a, "a") are taken as they are.
    private readonly bool OpensQuote(ReadOnlySpan<byte> piece)
        => piece.Length > 0 && piece[0] == (byte)'"' && (piece.Length == 1 || piece[^1] != (byte)'"') && (_flags & NoClosingQuote) == 0;

    // Blanks before a field, never past the separator: skipping a run of tab separators here
    // would make each of its empty fields rescan the run (quadratic).
    private readonly ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> s)
    {
        int a = 0;
        while (a < s.Length && s[a] != _delimiter && IsBlank(s[a]))
        {
            a++;
        }

        return s[a..];
    }

    // A field that opens with a quote runs to the quote that is followed (after blanks) by the
    // separator or the end of the line, so a quoted separator stays inside it ("Smith, John").
    // Without such a closing quote the field is read as unquoted text. Returns the index of the
    // separator after the field, or the line's length.
    private bool Quoted(ReadOnlySpan<byte> s, out ReadOnlySpan<byte> field, out int after)
    {
        for (int q = s[1..].IndexOf((byte)'"') + 1; q > 0; q = NextQuote(s, q))
        {
            int k = q + 1;
            while (k < s.Length && s[k] != _delimiter && IsBlank(s[k]))
            {
                k++;
            }

            if (k == s.Length || (_delimiter != 0 && s[k] == _delimiter) || (_delimiter == 0 && k > q + 1))
            {
                field = s[1..q];
                after = k;
                return true;
            }
        }

        _flags |= NoClosingQuote;
        field = default;
        after = 0;
        return false;
    }
}
