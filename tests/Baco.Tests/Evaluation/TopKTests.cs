
using Baco.Numerics;

namespace Baco.Tests.Evaluation;

public class TopKTests
{
    [Theory]
    [InlineData(13, 1000, 50, 16)]
    [InlineData(13, 1000, 50, 32)]
    [InlineData(64, 1500, 20, 16)]
    [InlineData(64, 1500, 20, 32)]
    [InlineData(3, 40, 50, 16)]
    [InlineData(3, 40, 50, 32)]
    public void BlockedTopKMatchesFullSort(int dim, int itemCount, int k, int panelWidth)
    {
        var rnd = new Random(dim + itemCount);
        int userCount = 23;
        var users = Enumerable.Range(0, userCount * dim).Select(_ => (float)(rnd.NextDouble() - 0.5)).ToArray();
        var items = Enumerable.Range(0, itemCount * dim).Select(_ => (float)(rnd.NextDouble() - 0.5)).ToArray();

        // Duplicate some items so exact ties must be broken by item id.
        for (int i = 10; i < itemCount; i += 17)
        {
            Array.Copy(items, 3 * dim, items, i * dim, dim);
        }

        var exOffsets = new int[userCount + 1];
        var ex = new List<int>();
        for (int u = 0; u < userCount; u++)
        {
            var set = new SortedSet<int>(Enumerable.Range(0, rnd.Next(30)).Select(_ => rnd.Next(itemCount)));
            ex.AddRange(set);
            exOffsets[u + 1] = ex.Count;
        }

        int[] userList = [.. Enumerable.Range(0, userCount).Where(u => u != 5)];
        var top = new int[userList.Length * k];
        var counts = new int[userList.Length];
        var scores = new float[userList.Length * k];
        new TopKRanker(items, itemCount, dim, panelWidth).Rank(users, userList, k, exOffsets, [.. ex], top, counts, scores);

        for (int idx = 0; idx < userList.Length; idx++)
        {
            int u = userList[idx];
            var excluded = ex.GetRange(exOffsets[u], exOffsets[u + 1] - exOffsets[u]).ToHashSet();
            var reference = Enumerable.Range(0, itemCount).Where(i => !excluded.Contains(i))
                .Select(i => (Item: i, Score: ReferenceDot(users, u, items, i, dim)))
                .OrderByDescending(t => t.Score).ThenBy(t => t.Item).Take(k).ToArray();
            Assert.Equal(reference.Length, counts[idx]);
            for (int j = 0; j < reference.Length; j++)
            {
                Assert.Equal(reference[j].Item, top[(idx * k) + j]);
                Assert.Equal(reference[j].Score, scores[(idx * k) + j]);
            }
        }
    }

    // Same summation order as the kernel: a fused multiply-add chain over the dimension.
    private static float ReferenceDot(float[] users, int u, float[] items, int i, int dim)
    {
        float s = 0;
        for (int k = 0; k < dim; k++)
        {
            s = MathF.FusedMultiplyAdd(users[(u * dim) + k], items[(i * dim) + k], s);
        }

        return s;
    }
}
