namespace Baco.Data;

/// <summary>Number parsing straight from UTF-8 bytes (no string allocation per field).</summary>
internal static class AsciiNumbers
{
    /// <summary>
    /// Parses a canonical non-negative int32: digits only, no sign, no leading zero (except "0"),
    /// at most int.MaxValue. Canonical so that writing the id back gives the same text.
    /// </summary>
    public static bool TryParseCanonical(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 10 || (s[0] == (byte)'0' && s.Length > 1))
        {
            return false;
        }

        long v = 0;
        foreach (byte b in s)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        if (v > int.MaxValue)
        {
            return false;
        }

        value = (int)v;
        return true;
    }
}
