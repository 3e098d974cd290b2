using Baco.Randomness;

namespace Baco.Data;

/// <summary>
/// Seeded generator of a planted co-cluster interaction graph: users and items each belong to one
/// of K clusters; a user draws items from its own cluster with probability
/// <see cref="SyntheticOptions.InClusterProbability"/>, otherwise from all items. User activity
/// and item popularity follow power laws. Items are drawn per user with alias tables and the
/// edges live in one long[] (8 bytes each), so MovieLens-20M size takes seconds and ~0.4 GB.
/// </summary>
public static class SyntheticInteractions
{
    // Draws per wanted edge before a user counts as saturated and passes the rest on.
    private const int MaxDrawsPerEdge = 32;

    /// <summary>Generates the dataset; the same options (seed included) give identical output.</summary>
    public static SyntheticData Generate(SyntheticOptions? options = null)
    {
        var o = options ?? new SyntheticOptions();
        Validate(o);
        var rng = new Xoshiro256(o.Seed, BoundedDraw.MultiplyShift);

        int[] userClusters = BalancedLabels(o.Users, o.Clusters, rng);
        int[] itemClusters = BalancedLabels(o.Items, o.Clusters, rng);
        double[] userWeights = PowerLawWeights(o.Users, o.DegreeExponent, rng);
        double[] itemWeights = PowerLawWeights(o.Items, o.DegreeExponent, rng);

        var sampler = new PlantedSampler(userClusters, itemClusters, itemWeights, o.Clusters, o.InClusterProbability);
        int[] degrees = UserDegrees(userWeights, o.Interactions, o.Items, rng);
        long[] keys = SampleEdges(sampler, degrees, o.Interactions, rng, out int count);
        var (train, validation, test) = HoldOut(keys, count, o, rng);
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
    private static int[] BalancedLabels(int n, int clusters, Xoshiro256 rng)
    {
        var labels = new int[n];
        for (int k = 0; k < n; k++)
        {
            labels[k] = k % clusters;
        }

        rng.Shuffle(labels);
        return labels;
    }

    /// <summary>(rank + 1)^-exponent with ranks in random order, so popularity is not tied to id.</summary>
    private static double[] PowerLawWeights(int n, double exponent, Xoshiro256 rng)
    {
        var ranks = new int[n];
        for (int k = 0; k < n; k++)
        {
            ranks[k] = k;
        }

        rng.Shuffle(ranks);
        var weights = new double[n];
        for (int k = 0; k < n; k++)
        {
            weights[k] = Math.Pow(ranks[k] + 1.0, -exponent);
        }

        return weights;
    }

    /// <summary>
    /// Splits the interaction budget over users in proportion to their weights, capped so that no
    /// user wants more than half the items (the excess goes to the others), rounded to integers
    /// that sum exactly to the budget.
    /// </summary>
    private static int[] UserDegrees(double[] weights, long target, int items, Xoshiro256 rng)
    {
        int n = weights.Length;
        int cap = Math.Max(1, items / 2);
        var expected = new double[n];
        var capped = new bool[n];
        long remaining = target;
        for (bool changed = true; changed;)
        {
            changed = false;
            double free = 0;
            for (int u = 0; u < n; u++)
            {
                free += capped[u] ? 0 : weights[u];
            }

            for (int u = 0; u < n; u++)
            {
                if (!capped[u])
                {
                    expected[u] = remaining * weights[u] / free;
                    if (expected[u] > cap)
                    {
                        capped[u] = true;
                        expected[u] = cap;
                        remaining -= cap;
                        changed = true;
                    }
                }
            }
        }

        var degrees = new int[n];
        long sum = 0;
        for (int u = 0; u < n; u++)
        {
            degrees[u] = StochasticRound(expected[u], rng);
            sum += degrees[u];
        }

        // Rounding leaves the total off by about sqrt(users); fix it one random user at a time.
        while (sum != target)
        {
            int u = rng.NextInt(n);
            if (sum < target && degrees[u] < cap)
            {
                degrees[u]++;
                sum++;
            }
            else if (sum > target && degrees[u] > 0)
            {
                degrees[u]--;
                sum--;
            }
        }

        return degrees;
    }

    /// <summary>
    /// Draws each user's distinct items (sorted per user, so the keys come out globally sorted
    /// without a global sort). A user whose cluster cannot supply its degree passes the shortfall
    /// on to the next user; only a saturated graph ends with fewer than the target.
    /// </summary>
    private static long[] SampleEdges(PlantedSampler sampler, int[] degrees, long target, Xoshiro256 rng, out int count)
    {
        var keys = new long[target];
        var items = new int[64];
        var taken = new bool[sampler.ItemCount];
        int cap = Math.Max(1, sampler.ItemCount / 2);
        count = 0;
        long carry = 0;
        for (int user = 0; user < degrees.Length; user++)
        {
            int want = (int)Math.Min(cap, degrees[user] + carry);
            carry += degrees[user] - want;
            if (items.Length < want)
            {
                items = new int[Math.Max(want, 2 * items.Length)];
            }

            // Rejection against a bitmap; the draw limit only bites for a saturated user.
            int distinct = 0;
            for (long draws = 0, limit = (MaxDrawsPerEdge * (long)want) + 1000; distinct < want && draws < limit; draws++)
            {
                int item = sampler.NextItem(user, rng);
                if (!taken[item])
                {
                    taken[item] = true;
                    items[distinct++] = item;
                }
            }

            var mine = items.AsSpan(0, distinct);
            mine.Sort();
            foreach (int item in mine)
            {
                taken[item] = false;
                keys[count++] = ((long)user << 32) | (uint)item;
            }

            carry += want - distinct;
        }

        return keys;
    }

    /// <summary>Per user, a stochastically rounded fraction of its interactions goes to validation and test; at least one stays in train.</summary>
    private static (InteractionList Train, InteractionList? Validation, InteractionList? Test) HoldOut(
        long[] keys, int count, SyntheticOptions o, Xoshiro256 rng)
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
            int nv = StochasticRound(degree * o.ValidationFraction, rng);
            int nt = StochasticRound(degree * o.TestFraction, rng);
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

                // The first nv + nt slots become a uniform random subset.
                rng.ShuffleFront(scratch.AsSpan(0, degree), nv + nt);
                for (int k = 0; k < nv + nt; k++)
                {
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

    private static int StochasticRound(double x, Xoshiro256 rng)
    {
        int floor = (int)Math.Floor(x);
        return floor + (rng.NextDouble() < x - floor ? 1 : 0);
    }
}
