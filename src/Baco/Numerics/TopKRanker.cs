using System.Numerics;
using System.Runtime.Intrinsics;

namespace Baco.Numerics;

/// <summary>
/// Full-ranking top-K for many users: blocked scoring (6 users x L2-sized item chunks), masking
/// of excluded items, and a per-user running heap fed only by scores above its threshold
/// (a vector compare skips most items). Blocks of users run in parallel; each user's result
/// depends only on its own scores, so it is the same for any thread count.
/// </summary>
internal sealed class TopKRanker
{
    private const int ChunkItems = 1024;     // 1,024 items x 64 dims = 256 KiB per chunk: stays in L2
    private const int SuperBlock = 16;       // micro-blocks of 6 users that share a chunk while it is hot

    private readonly float[] _packed;
    private readonly int _itemCount;
    private readonly int _dim;
    private readonly int _panels;
    private readonly int _width;

    /// <summary>Packs the item embeddings (itemCount x dim row-major).</summary>
    public TopKRanker(ReadOnlySpan<float> items, int itemCount, int dim, int panelWidth = 0)
    {
        _itemCount = itemCount;
        _dim = dim;
        _width = panelWidth == 0 ? ScoreKernel.DefaultPanelWidth : panelWidth;
        if (_width is not (16 or 32))
        {
            throw new ArgumentOutOfRangeException(nameof(panelWidth), "Panel width must be 16 or 32.");
        }

        _packed = ScoreKernel.PackItems(items, itemCount, dim, _width);
        _panels = (itemCount + _width - 1) / _width;
    }

    /// <summary>
    /// Top <paramref name="k"/> items of each listed user, best first, into
    /// resultItems[idx * k ..] (count in resultCounts[idx]; -1 padding). Excluded items of user u
    /// are excludeItems[excludeOffsets[u]..excludeOffsets[u+1]] (sorted ascending).
    /// </summary>
    public void Rank(float[] users, int[] userList, int k, int[] excludeOffsets, int[] excludeItems, int[] resultItems, int[] resultCounts, float[]? resultScores = null)
    {
        int n = userList.Length;
        int blockUsers = ScoreKernel.UserBlock * SuperBlock;
        int blocks = (n + blockUsers - 1) / blockUsers;
        BlockParallel.Blocks(blocks, () => new Scratch(this, k), (b, scratch) =>
            RankBlock(users, userList, k, excludeOffsets, excludeItems, resultItems, resultCounts, resultScores, b, scratch));
    }

    private void RankBlock(float[] users, int[] userList, int k, int[] exOff, int[] exItems, int[] resItems, int[] resCounts, float[]? resScores, int b, Scratch scratch)
    {
        int ub = ScoreKernel.UserBlock;
        int blockUsers = ub * SuperBlock;
        int chunkPanels = ChunkItems / _width;
        int chunkItems = ChunkItems;
        var (userBuf, scoreBuf, heapScores, heapItems, heapSizes, cursors) = (scratch.Users, scratch.Scores, scratch.HeapScores, scratch.HeapItems, scratch.HeapSizes, scratch.Cursors);
        int first = b * blockUsers;
        int count = Math.Min(blockUsers, userList.Length - first);
        Array.Clear(userBuf);
        Array.Clear(heapSizes);
        for (int r = 0; r < count; r++)
        {
            int u = userList[first + r];
            Array.Copy(users, u * _dim, userBuf, r * _dim, _dim);
            cursors[r] = exOff[u];
        }

        for (int p0 = 0; p0 < _panels; p0 += chunkPanels)
        {
            int p1 = Math.Min(_panels, p0 + chunkPanels);
            int itemStart = p0 * _width;
            int itemEnd = Math.Min(_itemCount, p1 * _width);
            for (int g = 0; g * ub < count; g++)
            {
                ScoreKernel.Score(_width, userBuf.AsSpan(g * ub * _dim, ub * _dim), _packed, _dim, p0, p1, scoreBuf, chunkItems);
                int rows = Math.Min(ub, count - (g * ub));
                for (int r = 0; r < rows; r++)
                {
                    int slot = (g * ub) + r;
                    int u = userList[first + slot];
                    var sc = scoreBuf.AsSpan(r * chunkItems, itemEnd - itemStart);
                    int c = cursors[slot];
                    int cEnd = exOff[u + 1];
                    while (c < cEnd && exItems[c] < itemEnd)
                    {
                        sc[exItems[c] - itemStart] = float.NegativeInfinity;
                        c++;
                    }

                    cursors[slot] = c;
                    heapSizes[slot] = Offer(sc, itemStart, k, heapScores.AsSpan(slot * k, k), heapItems.AsSpan(slot * k, k), heapSizes[slot]);
                }
            }
        }

        for (int r = 0; r < count; r++)
        {
            int size = heapSizes[r];
            var hs = heapScores.AsSpan(r * k, k);
            var hi = heapItems.AsSpan(r * k, k);
            TopKHeap.SortDescending(hs, hi, size);
            int idx = first + r;
            var dst = resItems.AsSpan(idx * k, k);
            dst.Fill(-1);
            hi[..size].CopyTo(dst);
            resScores?.AsSpan(idx * k, k).Fill(float.NegativeInfinity);
            if (resScores is not null)
            {
                hs[..size].CopyTo(resScores.AsSpan(idx * k, k));
            }

            resCounts[idx] = size;
        }
    }

    /// <summary>One worker's buffers, reused from block to block (every block clears what it reads).</summary>
    private sealed class Scratch(TopKRanker ranker, int k)
    {
        public float[] Users { get; } = new float[ScoreKernel.UserBlock * SuperBlock * ranker._dim];

        public float[] Scores { get; } = new float[ScoreKernel.UserBlock * ChunkItems];

        public float[] HeapScores { get; } = new float[ScoreKernel.UserBlock * SuperBlock * k];

        public int[] HeapItems { get; } = new int[ScoreKernel.UserBlock * SuperBlock * k];

        public int[] HeapSizes { get; } = new int[ScoreKernel.UserBlock * SuperBlock];

        public int[] Cursors { get; } = new int[ScoreKernel.UserBlock * SuperBlock];
    }

    private static int Offer(Span<float> scores, int itemStart, int k, Span<float> hs, Span<int> hi, int size)
    {
        int n = scores.Length;
        int j = 0;
        float threshold = TopKHeap.Threshold(hs, size, k);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= n; j += 8)
            {
                var v = Vector256.Create<float>(scores.Slice(j, 8));
                uint mask = Vector256.GreaterThan(v, Vector256.Create(threshold)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int t = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    float s = scores[j + t];
                    if (s > threshold)
                    {
                        size = TopKHeap.Push(hs, hi, size, k, s, itemStart + j + t);
                        threshold = TopKHeap.Threshold(hs, size, k);
                    }
                }
            }
        }

        for (; j < n; j++)
        {
            float s = scores[j];
            if (s > threshold)
            {
                size = TopKHeap.Push(hs, hi, size, k, s, itemStart + j);
                threshold = TopKHeap.Threshold(hs, size, k);
            }
        }

        return size;
    }
}
