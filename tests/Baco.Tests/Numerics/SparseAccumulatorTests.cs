using Baco.Numerics;

namespace Baco.Tests.Numerics;

public sealed class SparseAccumulatorTests
{
    [Fact]
    public void SumsPerKeyInFirstAddedOrderAndClearsToZero()
    {
        var acc = new SparseAccumulator(6);
        Assert.Equal(2.0, acc.Add(4, 2));
        Assert.Equal(0.5, acc.Add(1, 0.5));
        Assert.Equal(5.0, acc.Add(4, 3));
        Assert.Equal([4, 1], acc.Keys.ToArray());
        Assert.Equal(5.0, acc[4]);
        Assert.Equal(0.0, acc[0]);
        Assert.True(acc.Contains(1));
        Assert.False(acc.Contains(0));

        acc.Clear();
        Assert.True(acc.Keys.IsEmpty);
        Assert.Equal(0.0, acc[4]);
        Assert.False(acc.Contains(4));

        // A key of an earlier round starts again from zero, not from its old sum.
        acc.Add(5, 1);
        acc.Add(4, 1);
        acc.Add(0, 7);
        Assert.Equal(1.0, acc[4]);
        acc.SortKeys();
        Assert.Equal([0, 4, 5], acc.Keys.ToArray());
    }

    [Fact]
    public void ManyRoundsMatchAFreshDictionaryEachRound()
    {
        var acc = new SparseAccumulator(50);
        var rng = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            acc.Clear();
            var expected = new Dictionary<int, double>();
            var order = new List<int>();
            for (int k = 0; k < rng.Next(0, 30); k++)
            {
                int key = rng.Next(50);
                double value = rng.Next(-3, 4);
                if (!expected.TryAdd(key, value))
                {
                    expected[key] += value;
                }
                else
                {
                    order.Add(key);
                }

                acc.Add(key, value);
            }

            Assert.Equal(order, acc.Keys.ToArray());
            for (int key = 0; key < 50; key++)
            {
                Assert.Equal(expected.GetValueOrDefault(key), acc[key]);
            }
        }
    }
}
