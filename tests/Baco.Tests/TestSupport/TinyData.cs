using Baco.Codebooks;
using Baco.Data;
using Baco.Graph;

namespace Baco.Tests.TestSupport;

/// <summary>Small hand-made and seeded-random graphs, assignments and datasets for training tests.</summary>
internal static class TinyData
{
    /// <summary>4 users x 5 items, 10 edges, every node connected.</summary>
    public static BipartiteGraph Graph()
        => BipartiteGraph.FromPairs(4, 5, [0, 0, 0, 1, 1, 2, 2, 3, 3, 3], [0, 1, 4, 1, 2, 2, 3, 0, 3, 4]);

    /// <summary>Assignment variants: full, one code (shared rows), two codes for some users; mean or sum.</summary>
    public static CodebookAssignment Assignment(string kind, CodeCombiner combiner = CodeCombiner.Mean) => kind switch
    {
        "full" => CodebookAssignment.Full(4, 5) with { Combiner = combiner },
        "one" => new CodebookAssignment("one", SideAssignment.FromLabels([0, 1, 1, 0], 2), SideAssignment.FromLabels([2, 0, 1, 2, 0], 3), combiner),
        "two" => new CodebookAssignment(
            "two",
            new SideAssignment(3, [0, 2, 1, 1, 2, 0], [0, 2, 3, 5, 6]),
            new SideAssignment(3, [2, 0, 1, 1, 2, 0], [0, 1, 3, 4, 5, 6]),
            combiner),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Seeded random dataset with train / validation / test (every user has >= 4 train items).</summary>
    public static Dataset RandomDataset(int users = 60, int items = 40, int perUser = 10, int seed = 7, bool withValidation = true)
    {
        var rnd = new Random(seed);
        var lists = new (List<int> U, List<int> I)[3];
        for (int f = 0; f < 3; f++)
        {
            lists[f] = ([], []);
        }

        for (int u = 0; u < users; u++)
        {
            // Users prefer a block of items, so there is signal to learn.
            var chosen = new HashSet<int>();
            while (chosen.Count < perUser)
            {
                int i = rnd.NextDouble() < 0.8 ? ((u % 4) * (items / 4)) + rnd.Next(items / 4) : rnd.Next(items);
                chosen.Add(i);
            }

            int k = 0;
            foreach (int i in chosen)
            {
                int f = k < perUser - 2 ? 0 : (k == perUser - 2 ? 1 : 2);
                if (!withValidation && f == 1)
                {
                    f = 0;
                }

                lists[f].U.Add(u);
                lists[f].I.Add(i);
                k++;
            }
        }

        InteractionList Make(int f) => InteractionList.FromPairs(lists[f].U.ToArray(), lists[f].I.ToArray());
        return new Dataset(IdMap.Identity(users), IdMap.Identity(items), Make(0), withValidation ? Make(1) : null, Make(2));
    }
}
