using System.Text;

namespace Baco.Data;

/// <summary>
/// Counts ids that read fine but are probably not ids: the missing-value markers of R and pandas
/// ("NA", "nan", "None", "null"), which gather every line without an id into one entity, and
/// integers written as floats ("12.0", as pandas writes an integer column holding a missing
/// value), which differ from the same integer written plainly, and numbers in scientific
/// notation (Excel's 7.65612E+16), whose dropped digits merge ids. One warning per kind and side.
/// </summary>
internal sealed class SuspectIds(string path, string side)
{
    private long _missing, _missingLine, _floats, _floatLine, _scientific, _scientificLine;
    private bool _decimals;
    private string _missingText = "", _floatText = "", _scientificText = "";

    /// <summary>
    /// Looks at one id as read (unquoted); cheap for ordinary ids. A quoted marker is text: R
    /// quotes strings and writes a missing value bare, so "NA" is Namibia.
    /// </summary>
    public void See(ReadOnlySpan<byte> id, bool quoted, long line)
    {
        // Cheap gates first: this runs for every id of the file.
        if (id.Length == 0)
        {
            return;
        }

        if (id.Length <= 4 && (id[0] | 0x20) == 'n' && !quoted && IsMissingMarker(id))
        {
            _missingText = _missing++ == 0 ? Encoding.ASCII.GetString(id) : _missingText;
            _missingLine = _missing == 1 ? line : _missingLine;
        }
        else if (id.Length >= 3 && id[^1] == (byte)'0' && id[^2] == (byte)'.' && IsInteger(id[..^2]))
        {
            _floatText = _floats++ == 0 ? Encoding.ASCII.GetString(id) : _floatText;
            _floatLine = _floats == 1 ? line : _floatLine;
        }
        else if (!_decimals && id.Length >= 3 && id.IndexOf((byte)'.') is int dot and > 0 && IsInteger(id[..dot]) && IsInteger(id[(dot + 1)..]))
        {
            // 2.5 beside 2.0: a column of decimals (ratings, versions), where 2.0 is meant as written.
            _decimals = true;
        }
        else if (id.Length is >= 5 and <= 24 && (id[^2] == (byte)'+' || id[^3] == (byte)'+' || id[^4] == (byte)'+') && IsScientific(id))
        {
            _scientificText = _scientific++ == 0 ? Encoding.ASCII.GetString(id) : _scientificText;
            _scientificLine = _scientific == 1 ? line : _scientificLine;
        }
    }

    /// <summary>The warnings, one line each, naming the first line.</summary>
    public IEnumerable<string> Warnings()
    {
        if (_missing > 0)
        {
            yield return $"{path}:{_missingLine}: {Lines(_missing)} a missing-value marker as the {side} id (e.g. '{_missingText}'; R and pandas write NA, nan, None or null for a missing value): each marker is read as one {side} that gathers all its lines; if these are missing values, drop those lines first";
        }

        if (_floats > 0 && !_decimals)
        {
            yield return $"{path}:{_floatLine}: {Lines(_floats)} the {side} id written as a float (e.g. '{_floatText}', as pandas writes an integer column that holds a missing value): '{_floatText}' and '{_floatText[..^2]}' are different ids; write them as integers";
        }

        if (_scientific > 0)
        {
            yield return $"{path}:{_scientificLine}: {Lines(_scientific)} the {side} id in scientific notation (e.g. '{_scientificText}'), as Excel shows long numbers: the digits it drops are lost, so ids that differ only in them are one {side} here; export the column as text";
        }
    }

    private static string Lines(long n) => n == 1 ? "1 line with" : $"{n:N0} lines with";

    private static bool IsMissingMarker(ReadOnlySpan<byte> id)
        => id.SequenceEqual("NA"u8) || id.SequenceEqual("nan"u8) || id.SequenceEqual("NaN"u8) || id.SequenceEqual("None"u8)
            || id.SequenceEqual("null"u8) || id.SequenceEqual("NULL"u8);

    // 7.65612E+16, 1E+12, 1.2e+05: digits, an optional fraction, E+ and digits.
    private static bool IsScientific(ReadOnlySpan<byte> id)
    {
        int e = id.IndexOfAny((byte)'E', (byte)'e');
        if (e <= 0 || e + 2 >= id.Length || id[e + 1] != (byte)'+' || !IsInteger(id[(e + 2)..]))
        {
            return false;
        }

        var mantissa = id[..e];
        int dot = mantissa.IndexOf((byte)'.');
        return dot < 0 ? IsInteger(mantissa) : IsInteger(mantissa[..dot]) && IsInteger(mantissa[(dot + 1)..]);
    }

    private static bool IsInteger(ReadOnlySpan<byte> s)
    {
        int start = s.Length > 0 && s[0] == (byte)'-' ? 1 : 0;
        if (s.Length == start)
        {
            return false;
        }

        foreach (byte b in s[start..])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }
}
