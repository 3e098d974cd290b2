namespace Baco.Data;

/// <summary>
/// Seeded generator of a planted co-cluster interaction graph: users and items each belong to one
/// of K clusters; a user draws items from its own cluster with probability
/// <see cref="SyntheticOptions.InClusterProbability"/>, otherwise from all items. User activity
/// and item popularity follow power laws. Sampling uses alias tables and the edges live in one
/// long[] (8 bytes each), so MovieLens-20M size takes seconds and ~0.4 GB.
/// </summary>
public static class SyntheticInteractions
{
    // Top-up rounds after duplicates are merged; a graph this close to saturated stops short.
    private const int MaxTopUpRounds = 64;

    /// <summary>Generates the dataset; the same options (seed included) give identical output.</summary>
    public static SyntheticData Generate(SyntheticOptions? options = null)
    {
        var o = options ?? new SyntheticOptions();
        Validate(o);
        var rng = new SplitRandom(o.Seed);

        int[] userClusters = BalancedLabels(o.Users, o.Clusters, ref rng);
        int[] itemClusters = BalancedLabels(o.Items, o.Clusters, ref rng);
        double[] userWeights = PowerLawWeights(o.Users, o.DegreeExponent, ref rng);
        double[] itemWeights = PowerLawWeights(o.Items, o.DegreeExponent, ref rng);

        var sampler = new PlantedSampler(userClusters, itemClusters, userWeights, itemWeights, o.Clusters, o.InClusterProbability);
        long[] keys = SampleDistinct(sampler, (int)o.Interactions, ref rng, out int count);
        var (train, validation, test) = HoldOut(keys, count, o, ref rng);
        var dataset = new Dataset(IdMap.Identity(o.Users), IdMap.Identity(o.Items), train, validation, test);
        return new SyntheticData(dataset, userClusters, itemClusters);
    }

    private static void Validate(SyntheticOptions o)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(o.Users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(o.Items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(o.Clusters);
        ArgumentOutOfRangeException.ThrowIfNegative(o.Interactions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.Clusters, Math.Min(o.Users, o.Items));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.Interactions, Math.Min((long)o.Users * o.Items / 2, Array.MaxLength));
        if (o.InClusterProbability is < 0 or > 1 || o.DegreeExponent < 0
            || o.ValidationFraction < 0 || o.TestFraction < 0 || o.ValidationFraction + o.TestFraction >= 1)
        {
            throw new ArgumentException("Probabilities and fractions must be in [0, 1), the exponent non-negative, and validation + test < 1.", nameof(o));
        }
    }

    /// <summary>Labels of equal-sized clusters (sizes differ by at most one), randomly placed.</summary>
    private static int[] BalancedLabels(int n, int clusters, ref SplitRandom rng)
    {
        var labels = new int[n];
        for (int k = 0; k < n; k++)
        {
            labels[k] = k % clusters;
        }

        Shuffle(labels, ref rng);
        return labels;
    }

    /// <summary>(rank + 1)^-exponent with ranks in random order, so popularity is not tied to id.</summary>
    private static double[] PowerLawWeights(int n, double exponent, ref SplitRandom rng)
    {
        var ranks = new int[n];
        for (int k = 0; k < n; k++)
        {
            ranks[k] = k;
        }

        Shuffle(ranks, ref rng);
        var weights = new double[n];
        for (int k = 0; k < n; k++)
        {
            weights[k] = Math.Pow(ranks[k] + 1.0, -exponent);
        }

        return weights;
    }

    private static void Shuffle(int[] a, ref SplitRandom rng)
    {
        for (int k = a.Length - 1; k > 0; k--)
        {
            int j = rng.Next(k + 1);
            (a[k], a[j]) = (a[j], a[k]);
        }
    }

    /// <summary>
    /// Draws pairs until <paramref name="target"/> distinct ones exist (or the graph saturates):
    /// sort and merge duplicates, then top up the shortfall, merging in place from the end.
    /// </summary>
    private static long[] SampleDistinct(PlantedSampler sampler, int target, ref SplitRandom rng, out int count)
    {
        var keys = new long[target];
        for (int k = 0; k < target; k++)
        {
            keys[k] = sampler.Next(ref rng);
        }

        count = SortUnique(keys.AsSpan());
        for (int round = 0; round < MaxTopUpRounds && count < target; round++)
        {
            var extra = new long[target - count];
            for (int k = 0; k < extra.Length; k++)
            {
                extra[k] = sampler.Next(ref rng);
            }

            int fresh = SortUnique(extra);
            int kept = 0;
            for (int k = 0; k < fresh; k++)
            {
                if (keys.AsSpan(0, count).BinarySearch(extra[k]) < 0)
                {
                    extra[kept++] = extra[k];
                }
            }

            // Merge two sorted runs into keys from the back; keys has room for both.
            int a = count - 1, b = kept - 1, w = count + kept - 1;
            while (b >= 0)
            {
                keys[w--] = a >= 0 && keys[a] > extra[b] ? keys[a--] : extra[b--];
            }

            count += kept;
        }

        return keys;
    }

    private static int SortUnique(Span<long> keys)
    {
        keys.Sort();
        int distinct = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            if (distinct == 0 || keys[k] != keys[distinct - 1])
            {
                keys[distinct++] = keys[k];
            }
        }

        return distinct;
    }

    /// <summary>Per user, a stochastically rounded fraction of its interactions goes to validation and test; at least one stays in train.</summary>
    private static (InteractionList Train, InteractionList? Validation, InteractionList? Test) HoldOut(
        long[] keys, int count, SyntheticOptions o, ref SplitRandom rng)
    {
        var split = new byte[count];
        var scratch = new int[64];
        int[] sizes = new int[3];
        for (int start = 0; start < count;)
        {
            int user = (int)(keys[start] >> 32);
            int end = start + 1;
            while (end < count && (int)(keys[end] >> 32) == user)
            {
                end++;
            }

            int degree = end - start;
            int nv = StochasticRound(degree * o.ValidationFraction, ref rng);
            int nt = StochasticRound(degree * o.TestFraction, ref rng);
            while (nv + nt > degree - 1 && nv + nt > 0)
            {
                if (nv >= nt)
                {
                    nv--;
                }
                else
                {
                    nt--;
                }
            }

            if (nv + nt > 0)
            {
                if (scratch.Length < degree)
                {
                    scratch = new int[Math.Max(degree, scratch.Length * 2)];
                }

                for (int k = 0; k < degree; k++)
                {
                    scratch[k] = k;
                }

                // Partial Fisher-Yates: the first nv + nt slots are a uniform random subset.
                for (int k = 0; k < nv + nt; k++)
                {
                    int j = k + rng.Next(degree - k);
                    (scratch[k], scratch[j]) = (scratch[j], scratch[k]);
                    split[start + scratch[k]] = (byte)(k < nv ? 1 : 2);
                }
            }

            sizes[1] += nv;
            sizes[2] += nt;
            start = end;
        }

        sizes[0] = count - sizes[1] - sizes[2];
        var users = new int[3][];
        var items = new int[3][];
        for (int s = 0; s < 3; s++)
        {
            users[s] = new int[sizes[s]];
            items[s] = new int[sizes[s]];
        }

        var fill = new int[3];
        for (int k = 0; k < count; k++)
        {
            int s = split[k];
            users[s][fill[s]] = (int)(keys[k] >> 32);
            items[s][fill[s]++] = (int)(uint)keys[k];
        }

        return (
            new InteractionList(users[0], items[0]),
            o.ValidationFraction > 0 ? new InteractionList(users[1], items[1]) : null,
            o.TestFraction > 0 ? new InteractionList(users[2], items[2]) : null);
    }

    private static int StochasticRound(double x, ref SplitRandom rng)
    {
        int floor = (int)Math.Floor(x);
        return floor + (rng.NextDouble() < x - floor ? 1 : 0);
    }
}
