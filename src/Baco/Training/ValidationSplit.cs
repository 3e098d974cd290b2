using Baco.Data;

using Baco.Randomness;

namespace Baco.Training;

/// <summary>
/// Seeded hold-out of a share of each user's training interactions, for early stopping when a
/// dataset has no validation split. A user keeps at least one training interaction.
/// </summary>
public static class ValidationSplit
{
    /// <summary>
    /// The dataset training will see: <paramref name="data"/> itself when it has a validation
    /// split or <paramref name="options"/> turn validation off, otherwise a copy whose training
    /// part lost the seeded hold-out that becomes its validation part. To compress for training,
    /// use <see cref="TrainingData.ForTraining"/> (the same rule, with its provenance recorded),
    /// which the workflows require: an assignment built from the held-out edges as well would have
    /// seen the validation answers, and its validation scores (so early stopping) would be optimistic.
    /// </summary>
    public static Dataset Prepare(Dataset data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        return TrainingData.Apply(data, options.HeldOutFraction, options.Seed, null).Dataset;
    }

    /// <summary>
    /// Splits <paramref name="train"/>: per user with n interactions, round(n * fraction)
    /// (half away from zero, at most n - 1) chosen uniformly go to the validation part.
    /// </summary>
    public static (InteractionList Train, InteractionList Validation) HoldOut(InteractionList train, double fraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var rng = Xoshiro256.ForStream(seed, StreamTag.ValidationHoldOut);
        var tu = new List<int>();
        var ti = new List<int>();
        var vu = new List<int>();
        var vi = new List<int>();
        int[] users = train.Users, items = train.Items;
        int start = 0;
        while (start < users.Length)
        {
            int end = start;
            while (end < users.Length && users[end] == users[start])
            {
                end++;
            }

            int n = end - start;
            int take = Math.Min(n - 1, (int)Math.Round(n * fraction, MidpointRounding.AwayFromZero));
            var idx = Enumerable.Range(start, n).ToArray();
            rng.ShuffleFront(idx, take);

            var held = new HashSet<int>(idx.Take(take));
            for (int k = start; k < end; k++)
            {
                if (held.Contains(k))
                {
                    vu.Add(users[k]);
                    vi.Add(items[k]);
                }
                else
                {
                    tu.Add(users[k]);
                    ti.Add(items[k]);
                }
            }

            start = end;
        }

        return (InteractionList.FromPairs(tu.ToArray(), ti.ToArray()), InteractionList.FromPairs(vu.ToArray(), vi.ToArray()));
    }
}
