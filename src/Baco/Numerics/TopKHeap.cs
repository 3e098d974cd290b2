namespace Baco.Numerics;

/// <summary>
/// Running top-K over (score, item) as a binary min-heap on caller-provided spans. Items must be
/// offered in ascending id order: then an equal score never displaces a kept item, which gives
/// the tie rule "higher score first, then lower item id" without comparing ids.
/// </summary>
internal static class TopKHeap
{
    /// <summary>Offers one candidate; returns the new size. Caller pre-filters with <see cref="Threshold"/>.</summary>
    public static int Push(Span<float> scores, Span<int> items, int size, int k, float score, int item)
    {
        if (size < k)
        {
            int i = size++;
            while (i > 0)
            {
                int p = (i - 1) >> 1;
                if (!Worse(score, item, scores[p], items[p]))
                {
                    break;
                }

                scores[i] = scores[p];
                items[i] = items[p];
                i = p;
            }

            scores[i] = score;
            items[i] = item;
            return size;
        }

        if (!(score > scores[0]))
        {
            return size;
        }

        SiftDown(scores, items, size, score, item);
        return size;
    }

    /// <summary>Scores must exceed this to enter (negative infinity while not full).</summary>
    public static float Threshold(ReadOnlySpan<float> scores, int size, int k) => size < k ? float.NegativeInfinity : scores[0];

    /// <summary>Sorts the heap content best first (score descending, item ascending) in place.</summary>
    public static void SortDescending(Span<float> scores, Span<int> items, int size)
    {
        var keys = scores[..size].ToArray();
        var vals = items[..size].ToArray();
        var order = new int[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int c = keys[b].CompareTo(keys[a]);
            return c != 0 ? c : vals[a].CompareTo(vals[b]);
        });
        for (int i = 0; i < size; i++)
        {
            scores[i] = keys[order[i]];
            items[i] = vals[order[i]];
        }
    }

    // a ranks below b: lower score, or equal score and higher item id.
    private static bool Worse(float sa, int ia, float sb, int ib) => sa < sb || (sa == sb && ia > ib);

    private static void SiftDown(Span<float> scores, Span<int> items, int size, float score, int item)
    {
        int i = 0;
        while (true)
        {
            int l = (2 * i) + 1;
            if (l >= size)
            {
                break;
            }

            int c = l;
            if (l + 1 < size && Worse(scores[l + 1], items[l + 1], scores[l], items[l]))
            {
                c = l + 1;
            }

            if (!Worse(scores[c], items[c], score, item))
            {
                break;
            }

            scores[i] = scores[c];
            items[i] = items[c];
            i = c;
        }

        scores[i] = score;
        items[i] = item;
    }
}
