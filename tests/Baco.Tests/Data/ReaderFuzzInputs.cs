using System.Text;
using Baco.Data;

namespace Baco.Tests.Data;

/// <summary>
/// Seeded inputs for the reader fuzz test: small valid interaction files of every layout the
/// reader knows, damaged by a few random mutations, and random read options.
/// </summary>
internal static class ReaderFuzzInputs
{
    private static readonly string[] Bases =
    [
        "0\t1\n0\t3\n2\t0\n1\t2\n",
        "user_id,item_id,rating,timestamp\n7,5,4.0,100\n7,9,3.5,101\n8,5,5,102\n",
        "user_id:token\titem_id:token\trating:float\n7\t5\t4\n7\t9\t3.5\n8\t5\t1e0\n",
        "user_id:int\titem_id:token\n1\t2\n1\t3\n",
        "0 1 2 3\n1 2\n2\n3 0 3\n4 1 2 5 6\n",
        "alice;A-1\nbob;B2\nalice;B2\nçé;A-1\n",
        "# comment\r\n\r\nuser item rating\r\n7 5 4\r\n7   9 3\r\n8 5 5   \r\n",
        "\uFEFF\"user\",\"item\"\n\"a\",\"b, c\"\n\"d\",\"e\"\n",
        "ts,rating,product,customer\n1,5,p1,c1\n2,4,p2,c1\n3,1,p1,c2\n",
        "shopper,sku\ns1,p1\ns2,p2\ns1,p3\n",
        "5\t100\n6\t101\nx\t100\n5\t007\n",
    ];

    // Byte strings a mutation inserts: separators, line ends, invalid or unusual UTF-8, controls,
    // numbers at the edges of int32, quotes, comment and header-like text.
    private static readonly byte[][] Snippets =
    [
        "\t"u8.ToArray(), ","u8.ToArray(), ";"u8.ToArray(), " "u8.ToArray(), "\""u8.ToArray(),
        "\n"u8.ToArray(), "\r"u8.ToArray(), "\r\n"u8.ToArray(), "\n\n"u8.ToArray(), "#"u8.ToArray(),
        [0xE9], [0xFF], [0xC3], [0xC2, 0x85], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
        [0], [1], [0x1B], [0x7F], [0x0B], [0x0C], [0xEF, 0xBB, 0xBF], "é"u8.ToArray(), "€"u8.ToArray(),
        "2147483647"u8.ToArray(), "2147483648"u8.ToArray(), "99999999999999999999"u8.ToArray(),
        "-1"u8.ToArray(), "0"u8.ToArray(), "007"u8.ToArray(), "1e309"u8.ToArray(), "NaN"u8.ToArray(),
        "user_id"u8.ToArray(), "item_id:token"u8.ToArray(), ":float"u8.ToArray(), "\"\""u8.ToArray(),
    ];

    /// <summary>The mutated file content for one case.</summary>
    public static byte[] Content(Random rng)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(Bases[rng.Next(Bases.Length)]));
        int mutations = 1 + rng.Next(4);
        for (int m = 0; m < mutations; m++)
        {
            Mutate(bytes, rng);
        }

        return [.. bytes];
    }

    /// <summary>Random read options, all of which a caller may legitimately set.</summary>
    public static ReadOptions Options(Random rng) => new()
    {
        Format = Pick(rng, InteractionFormat.Auto, InteractionFormat.Auto, InteractionFormat.EdgeList, InteractionFormat.Adjacency),
        HasHeader = Pick<bool?>(rng, null, null, true, false),
        MinRating = Pick<double?>(rng, null, null, null, 3.5),
        IdKind = Pick(rng, IdKind.Auto, IdKind.Auto, IdKind.Integer, IdKind.String),
        Delimiter = Pick<char?>(rng, null, null, null, null, ',', '\t', ' '),
        UserColumn = Pick(rng, null, null, null, null, null, "user_id", "1", "7"),
        ItemColumn = Pick(rng, null, null, null, null, null, "item", "0"),
        RatingColumn = Pick(rng, null, null, null, null, null, "rating", "2", "9"),
    };

    private static T Pick<T>(Random rng, params T[] values) => values[rng.Next(values.Length)];

    private static void Mutate(List<byte> b, Random rng)
    {
        int at = rng.Next(b.Count + 1);
        switch (rng.Next(12))
        {
            case 0 when b.Count > 0:
                b[Math.Min(at, b.Count - 1)] = (byte)rng.Next(256);
                break;
            case 1 when b.Count > 0:
                b[Math.Min(at, b.Count - 1)] ^= (byte)(1 << rng.Next(8));
                break;
            case 2:
                b.RemoveRange(at, b.Count - at);
                break;
            case 3 or 4:
                b.InsertRange(at, Snippets[rng.Next(Snippets.Length)]);
                break;
            case 5:
                ReplaceLineEnds(b, rng.Next(2) == 0 ? "\r"u8 : "\r\n"u8);
                break;
            case 6:
                // A huge field: usually a few KB, now and then past the 1 MB read buffer.
                int length = rng.Next(50) == 0 ? (1 << 20) + rng.Next(1 << 18) : rng.Next(1, 20_000);
                byte fill = Pick(rng, (byte)'x', (byte)'7', (byte)' ', (byte)'\t', (byte)',');
                b.InsertRange(at, Enumerable.Repeat(fill, length));
                break;
            case 7:
                EditLine(b, rng, duplicate: false);
                break;
            case 8:
                EditLine(b, rng, duplicate: true);
                break;
            case 9 when b.Count < 4096:
                // Many lines: the content repeated.
                var copy = b.ToArray();
                for (int k = rng.Next(1, 300); k > 0; k--)
                {
                    b.AddRange(copy);
                }

                break;
            case 10 when b.Count > 1:
                int from = rng.Next(b.Count), len = rng.Next(1, Math.Min(64, b.Count - from) + 1);
                b.RemoveRange(from, len);
                break;
            default:
                int wide = rng.Next(1, 40);
                for (int k = 0; k < wide; k++)
                {
                    b.InsertRange(Math.Min(at, b.Count), Snippets[rng.Next(Snippets.Length)]);
                }

                break;
        }
    }

    private static void ReplaceLineEnds(List<byte> b, ReadOnlySpan<byte> end)
    {
        var result = new List<byte>(b.Count + (b.Count / 8));
        foreach (byte x in b)
        {
            if (x == (byte)'\n')
            {
                result.AddRange(end);
            }
            else
            {
                result.Add(x);
            }
        }

        b.Clear();
        b.AddRange(result);
    }

    private static void EditLine(List<byte> b, Random rng, bool duplicate)
    {
        var lines = Encoding.Latin1.GetString([.. b]).Split('\n').ToList();
        int k = rng.Next(lines.Count);
        if (duplicate)
        {
            lines.Insert(rng.Next(lines.Count + 1), lines[k]);
        }
        else
        {
            lines.RemoveAt(k);
        }

        b.Clear();
        b.AddRange(Encoding.Latin1.GetBytes(string.Join('\n', lines)));
    }
}
