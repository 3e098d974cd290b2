using System.Text.Json.Nodes;
using Baco.Clustering;
using Baco.Clustering.Balanced;
using Baco.Clustering.Community;
using Baco.Clustering.Hashing;
using Baco.Codebooks;
using Baco.Data;
using Baco.IO;
using Baco.Randomness;

namespace Baco.Assignment;

/// <summary>Where a new user or item was placed.</summary>
/// <param name="Codes">Its codebook rows (the primary row first).</param>
/// <param name="Cold">Whether it got its side's cold row (or the fallback row) for want of a usable neighbour.</param>
public readonly record struct Placement(int[] Codes, bool Cold);

/// <summary>
/// Gives codebook rows to users and items that an assignment does not know, from their
/// interactions with known ones, without moving any known entity and without adding rows
/// (docs/METHOD.md, "Assigning new users and items"). Each new node is placed on its own
/// against the stored assignment: new nodes do not see each other, and the stored volumes are
/// not updated, so the result does not depend on the order of the new nodes.
/// </summary>
public sealed class IncrementalAssigner
{
    private readonly CodebookAssignment _known;
    private readonly NewEntityRule _rule;
    private readonly int _seed;
    private readonly int[] _userRowOfItemRow = [];
    private readonly int _userCold;
    private readonly int _itemCold;

    /// <summary>
    /// Prepares placing new nodes into <paramref name="known"/>; <paramref name="seed"/> is the
    /// seed the assignment was made with (the hashing methods hash with it).
    /// </summary>
    /// <exception cref="UnusableDataException">The method cannot be extended faithfully, or the assignment lacks what its rule needs.</exception>
    public IncrementalAssigner(CodebookAssignment known, int seed)
    {
        ArgumentNullException.ThrowIfNull(known);
        _known = known;
        _seed = seed;
        var method = CompressionMethods.Find(known.Method)
            ?? throw new UnusableDataException($"method '{known.Method}' has no rule for new entities");
        _rule = method.NewEntities;
        if (_rule == NewEntityRule.None)
        {
            throw new UnusableDataException($"method '{method.Name}' cannot give rows to new entities: {method.NoNewEntitiesReason}");
        }

        if (UsesNeighbours)
        {
            int[] links = known.ItemRowOfUserRow ?? throw new UnusableDataException(
                $"the '{known.Method}' assignment does not record which user row and item row form a co-cluster (written by an older baco); compress again to assign new entities");
            _userRowOfItemRow = new int[known.Items.RowCount];
            Array.Fill(_userRowOfItemRow, -1);
            for (int r = 0; r < links.Length; r++)
            {
                if (links[r] >= 0)
                {
                    _userRowOfItemRow[links[r]] = r;
                }
            }

            if (_rule == NewEntityRule.BalancedGain && known.FoldIn is not BacoFoldIn)
            {
                throw new UnusableDataException("the BACO assignment does not record its gamma, weights and row volumes (written by an older baco); compress again to assign new entities");
            }
        }

        if (_rule is NewEntityRule.SharedRowsModulo or NewEntityRule.SharedRowsDoubleHash)
        {
            foreach (var side in new[] { known.Users, known.Items })
            {
                if (side.RowCount >= side.EntityCount)
                {
                    throw new UnusableDataException(
                        $"method '{known.Method}' left a side uncompressed (one row per entity), so a new entity there would need a new row; compress the data with the new entities instead");
                }
            }
        }

        _userCold = known.UserColdRow >= 0 ? known.UserColdRow : LargestRow(known.Users);
        _itemCold = known.ItemColdRow >= 0 ? known.ItemColdRow : LargestRow(known.Items);
    }

    /// <summary>
    /// The assigner for an assignment loaded from <paramref name="directory"/> (a compression or
    /// a model directory), with the seed its summary.json records.
    /// </summary>
    public static IncrementalAssigner FromStored(StoredAssignment stored, string directory)
    {
        ArgumentNullException.ThrowIfNull(stored);
        int seed = 0;
        if (stored.Summary is JsonObject o && o["seed"] is JsonValue v && v.TryGetValue(out int s))
        {
            seed = s;
        }
        else if (CompressionMethods.Find(stored.Assignment.Method)?.NewEntities is NewEntityRule.IdHash or NewEntityRule.IdDoubleHash
            or NewEntityRule.SharedRowsDoubleHash or NewEntityRule.MajorityCoClusterAndHash)
        {
            throw new DataFormatException(Path.Combine(directory, AssignmentStore.SummaryFile), 0,
                $"missing or invalid 'seed' (whole number expected): method '{stored.Assignment.Method}' hashes with it");
        }

        return new IncrementalAssigner(stored.Assignment, seed);
    }

    /// <summary>The assignment new nodes are placed into.</summary>
    public CodebookAssignment Known => _known;

    /// <summary>The rule applied, in words (for summaries).</summary>
    public string Rule => _rule switch
    {
        NewEntityRule.BalancedGain => "balanced gain a(c) - gamma * w_x * W(c) over the co-clusters of the known neighbours, with the stored gamma, weights and volumes; secondary rows as BACO's",
        NewEntityRule.MajorityCoCluster => "the co-cluster holding most of the known neighbours (ties: first met in id order)",
        NewEntityRule.MajorityCoClusterAndHash => "the co-cluster holding most of the known neighbours, plus the method's hash row",
        NewEntityRule.SharedRowsModulo => "id modulo the shared rows (a new entity is not among the frequent ones)",
        NewEntityRule.SharedRowsDoubleHash => "double hashing into the shared rows (a new entity is not among the frequent ones)",
        _ => "the method's hash of the new dense id",
    };

    /// <summary>Whether placing depends on the interactions (false for the hashing methods).</summary>
    public bool UsesNeighbours => _rule is NewEntityRule.BalancedGain or NewEntityRule.MajorityCoCluster or NewEntityRule.MajorityCoClusterAndHash;

    /// <summary>
    /// Rows for the new user with dense id <paramref name="user"/> (at least the known user
    /// count), who interacted with the known items <paramref name="knownItems"/> (duplicates and
    /// order do not matter).
    /// </summary>
    public Placement PlaceUser(int user, ReadOnlySpan<int> knownItems) => Place(true, user, knownItems);

    /// <summary>Rows for the new item with dense id <paramref name="item"/>, which the known users <paramref name="knownUsers"/> interacted with.</summary>
    public Placement PlaceItem(int item, ReadOnlySpan<int> knownUsers) => Place(false, item, knownUsers);

    private Placement Place(bool user, int id, ReadOnlySpan<int> neighbours)
    {
        var own = user ? _known.Users : _known.Items;
        var other = user ? _known.Items : _known.Users;
        ArgumentOutOfRangeException.ThrowIfLessThan(id, own.EntityCount);
        int[] sorted = [.. neighbours];
        Array.Sort(sorted);
        int n = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            if ((uint)sorted[k] >= (uint)other.EntityCount)
            {
                throw new ArgumentOutOfRangeException(nameof(neighbours), $"neighbour {sorted[k]} is not a known {(user ? "item" : "user")}");
            }

            if (n == 0 || sorted[n - 1] != sorted[k])
            {
                sorted[n++] = sorted[k];
            }
        }

        var distinct = sorted.AsSpan(0, n);
        var side = user ? StreamTag.UserSide : StreamTag.ItemSide;
        switch (_rule)
        {
            case NewEntityRule.IdModuloRows:
                return new Placement([id % own.RowCount], false);
            case NewEntityRule.IdHash:
                return new Placement([UniversalHash.For(_seed, side).Apply(id, own.RowCount)], false);
            case NewEntityRule.IdDoubleHash:
                return new Placement(TwoHashes(id, own.RowCount, side), false);
            case NewEntityRule.SharedRowsModulo:
                return new Placement([id % FrequencyRanking.SharedRows(own.RowCount)], false);
            case NewEntityRule.SharedRowsDoubleHash:
                return new Placement(TwoHashes(id, FrequencyRanking.SharedRows(own.RowCount), side), false);
            case NewEntityRule.MajorityCoCluster:
                {
                    int row = Majority(user, distinct, other);
                    return row >= 0 ? new Placement([row], false) : new Placement([Cold(user)], true);
                }

            case NewEntityRule.MajorityCoClusterAndHash:
                {
                    int row = Majority(user, distinct, other);
                    bool cold = row < 0;
                    row = cold ? Cold(user) : row;
                    return new Placement([row, DoubleGraphHash.SideHash(_seed, user).ApplyAvoiding(id, own.RowCount, row)], cold);
                }

            default:
                return Balanced(user, distinct, other);
        }
    }

    /// <summary>Candidate co-clusters of a new node, in the order its neighbours (sorted by id) meet them: this side's row and count a(c).</summary>
    private List<(int Row, int Count)> Candidates(bool user, ReadOnlySpan<int> neighbours, SideAssignment other)
    {
        var found = new List<(int Row, int Count)>();
        var index = new Dictionary<int, int>();
        foreach (int x in neighbours)
        {
            int otherRow = other.CodeArray[other.OffsetArray[x]];
            int row = user ? _userRowOfItemRow[otherRow] : _known.ItemRowOfUserRow![otherRow];
            if (row < 0 || otherRow == (user ? _known.ItemColdRow : _known.UserColdRow))
            {
                continue; // the label has no row on this side (a new row would be needed), or x is isolated
            }

            if (index.TryGetValue(row, out int k))
            {
                found[k] = (row, found[k].Count + 1);
            }
            else
            {
                index.Add(row, found.Count);
                found.Add((row, 1));
            }
        }

        return found;
    }

    private int Majority(bool user, ReadOnlySpan<int> neighbours, SideAssignment other)
    {
        int best = -1, bestCount = 0;
        foreach (var (row, count) in Candidates(user, neighbours, other))
        {
            if (count > bestCount)
            {
                (best, bestCount) = (row, count);
            }
        }

        return best;
    }

    private Placement Balanced(bool user, ReadOnlySpan<int> neighbours, SideAssignment other)
    {
        var b = (BacoFoldIn)_known.FoldIn!;
        double w = user
            ? BacoFoldIn.Weight(b.UserWeights, neighbours.Length, b.UserWeightScale)
            : BacoFoldIn.Weight(b.ItemWeights, neighbours.Length, b.ItemWeightScale);
        var candidates = Candidates(user, neighbours, other);

        // The penalty uses the other side's volume of the candidate co-cluster (docs/METHOD.md, "The solver", step 3).
        double Gain((int Row, int Count) c) => c.Count - (b.Gamma * w * (user
            ? b.ItemRowVolumes[_known.ItemRowOfUserRow![c.Row]]
            : b.UserRowVolumes[_userRowOfItemRow[c.Row]]));

        int best = -1;
        double bestGain = double.NegativeInfinity;
        foreach (var c in candidates)
        {
            double g = Gain(c);
            if (g > bestGain)
            {
                (best, bestGain) = (c.Row, g);
            }
        }

        // A new node starts alone: its own label's gain is 0 - gamma * w * 0 = 0. Under
        // 'if-better' it would stay alone, which needs a row of its own: it takes the cold row.
        if (best < 0 || (b.MoveRule == MoveRule.IfBetter && !(bestGain > 0)))
        {
            return new Placement([Cold(user)], true);
        }

        if (!(user ? b.SecondaryUserClusters : b.SecondaryItemClusters))
        {
            return new Placement([best], false);
        }

        // docs/METHOD.md, "Secondary user clusters" (and items, when the run gave them): the best other candidate, no threshold.
        int second = -1;
        double secondGain = double.NegativeInfinity;
        foreach (var c in candidates)
        {
            double g = Gain(c);
            if (c.Row != best && g > secondGain)
            {
                (second, secondGain) = (c.Row, g);
            }
        }

        return new Placement(second >= 0 ? [best, second] : [best], false);
    }

    private int Cold(bool user) => user ? _userCold : _itemCold;

    /// <summary>As <see cref="DoubleHashing"/>: the two seeded hashes of the side.</summary>
    private int[] TwoHashes(int id, int rows, StreamTag side)
    {
        var (first, second) = new DoubleHash(_seed, side).Apply(id, rows);
        return [first, second];
    }

    /// <summary>The row most entities point to (ties: the lowest), the fallback when a side has no cold row.</summary>
    private static int LargestRow(SideAssignment side)
    {
        int[] sizes = side.RowSizes();
        int best = 0;
        for (int r = 1; r < sizes.Length; r++)
        {
            if (sizes[r] > sizes[best])
            {
                best = r;
            }
        }

        return best;
    }
}
