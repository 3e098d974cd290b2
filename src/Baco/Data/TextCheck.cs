using System.Buffers;
using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace Baco.Data;

/// <summary>
/// Finds the first byte that makes interaction text unreadable or ambiguous: invalid UTF-8 (it
/// would be decoded with replacement, merging ids), a control character (C0 other than tab, DEL,
/// C1: they would end up in written id files) or a carriage return not followed by a line feed
/// (CR-only line endings would glue the file into one line). Whole-buffer vectorised passes, so
/// clean text costs a few passes of memory bandwidth.
/// </summary>
internal static class TextCheck
{
    // C0 controls except tab, LF and CR (CR is judged by the byte after it), and DEL.
    private static readonly SearchValues<byte> Controls = SearchValues.Create(ControlBytes());

    /// <summary>
    /// Index of the first problem in <paramref name="text"/>, or -1. <paramref name="final"/>
    /// says the text ends where the file ends: a multi-byte character cut by the end is then an
    /// error, otherwise it is left for the next check to see whole.
    /// </summary>
    public static int FindProblem(ReadOnlySpan<byte> text, bool final, out string reason)
    {
        reason = "";
        int best = -1;
        int control = text.IndexOfAny(Controls);
        if (control >= 0)
        {
            best = control;
            reason = ControlReason(text[control]);
        }

        int cr = FindLoneCarriageReturn(best < 0 ? text : text[..best]);
        if (cr >= 0)
        {
            best = cr;
            reason = "carriage return (CR) not followed by a line feed: the file seems to have old Mac (CR-only) line endings; convert them to LF or CRLF";
        }

        var head = best < 0 ? text : text[..best];
        int utf8 = FindUtf8Problem(head, final || best >= 0, out string utf8Reason);
        if (utf8 >= 0)
        {
            best = utf8;
            reason = utf8Reason;
        }

        return best;
    }

    /// <summary>
    /// Index of a CR that is followed by something other than LF, or -1. A CR as the very last
    /// byte passes: at the end of a file it is harmless, mid-file the next check sees its successor.
    /// </summary>
    public static int FindLoneCarriageReturn(ReadOnlySpan<byte> text)
    {
        int i = text.IndexOf((byte)'\r');
        if (i < 0)
        {
            return -1;
        }

        // CRLF files have a CR on every line: compare each byte with its successor a vector at a
        // time; a block with a lone CR stops the loop and the scan below finds it.
        if (Vector.IsHardwareAccelerated)
        {
            var cr = new Vector<byte>((byte)'\r');
            var lf = new Vector<byte>((byte)'\n');
            for (; i + Vector<byte>.Count < text.Length; i += Vector<byte>.Count)
            {
                var here = new Vector<byte>(text.Slice(i, Vector<byte>.Count));
                var next = new Vector<byte>(text.Slice(i + 1, Vector<byte>.Count));
                if ((Vector.Equals(here, cr) & ~Vector.Equals(next, lf)) != Vector<byte>.Zero)
                {
                    break;
                }
            }
        }

        for (; i < text.Length - 1; i++)
        {
            if (text[i] == (byte)'\r' && text[i + 1] != (byte)'\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindUtf8Problem(ReadOnlySpan<byte> text, bool final, out string reason)
    {
        reason = "";
        int first = text.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (first < 0)
        {
            return -1;
        }

        var rest = text[first..];
        if (Utf8.IsValid(rest))
        {
            // Valid: only C1 controls (U+0080..U+009F, lead byte 0xC2) remain to be found.
            for (int at = rest.IndexOf((byte)0xC2); at >= 0 && at + 1 < rest.Length;)
            {
                if (rest[at + 1] <= 0x9F)
                {
                    reason = ControlReason(rest[at + 1]);
                    return first + at;
                }

                int next = rest[(at + 1)..].IndexOf((byte)0xC2);
                at = next < 0 ? -1 : at + 1 + next;
            }

            return -1;
        }

        // Invalid somewhere (or cut at the end): decode character by character to find where.
        int pos = first;
        while (pos < text.Length)
        {
            var status = Rune.DecodeFromUtf8(text[pos..], out var rune, out int used);
            if (status == OperationStatus.NeedMoreData && !final)
            {
                return -1;
            }

            if (status != OperationStatus.Done)
            {
                reason = $"invalid UTF-8 byte 0x{text[pos]:X2}: the file must be UTF-8 text (convert it, e.g. from Latin-1 or UTF-16)";
                return pos;
            }

            if (rune.Value is >= 0x80 and <= 0x9F)
            {
                reason = ControlReason(rune.Value);
                return pos;
            }

            pos += used;
            int skip = text[pos..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            pos = skip < 0 ? text.Length : pos + skip;
        }

        return -1;
    }

    private static string ControlReason(int codePoint)
        => $"control character U+{codePoint:X4} in a field (only tab may appear inside a line)";

    private static byte[] ControlBytes()
    {
        var bytes = new List<byte>();
        for (int b = 0; b < 0x20; b++)
        {
            if (b is not ('\t' or '\n' or '\r'))
            {
                bytes.Add((byte)b);
            }
        }

        bytes.Add(0x7F);
        return [.. bytes];
    }
}
