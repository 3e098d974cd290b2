using Baco.Graph;

using Baco.Randomness;

namespace Baco.Training;

/// <summary>Uniform negative items: redraws while the item is among the user's training items.</summary>
internal sealed class NegativeSampler
{
    private readonly BipartiteGraph _train;

    public NegativeSampler(BipartiteGraph train)
    {
        _train = train;
    }

    public int Sample(int user, Xoshiro256 rng)
    {
        var seen = _train.ItemsOf(user);
        if (seen.Length >= _train.ItemCount)
        {
            throw new InvalidOperationException($"User {user} interacted with every item; no negative exists.");
        }

        while (true)
        {
            int j = rng.NextInt(_train.ItemCount);
            if (seen.BinarySearch(j) < 0)
            {
                return j;
            }
        }
    }
}
