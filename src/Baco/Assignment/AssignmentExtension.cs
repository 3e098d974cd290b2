using Baco.Codebooks;
using Baco.Data;

namespace Baco.Assignment;

/// <summary>The result of <see cref="AssignmentExtension.Extend(IncrementalAssigner, Data.IdMap, Data.IdMap, Data.Dataset, string)"/>.</summary>
/// <param name="Assignment">The known entities' codes unchanged, the new entities' codes appended.</param>
/// <param name="Users">The known user ids, then the new ones.</param>
/// <param name="Items">The known item ids, then the new ones.</param>
/// <param name="NewUsers">Users added.</param>
/// <param name="NewItems">Items added.</param>
/// <param name="ColdUsers">New users that got the cold (or fallback) row.</param>
/// <param name="ColdItems">New items that got the cold (or fallback) row.</param>
/// <param name="KnownPairs">Interactions between a known user and a known item (ignored).</param>
/// <param name="NewPairs">Interactions between a new user and a new item (ignored: new nodes are placed against known ones only).</param>
/// <param name="UsedPairs">Interactions between a new and a known entity, the ones placing is based on.</param>
public sealed record ExtendedAssignment(
    CodebookAssignment Assignment, IdMap Users, IdMap Items, int NewUsers, int NewItems, int ColdUsers, int ColdItems,
    int KnownPairs, int NewPairs, int UsedPairs);

/// <summary>Extends a stored assignment with the users and items of a file of new interactions (docs/METHOD.md, "Assigning new users and items").</summary>
public static class AssignmentExtension
{
    /// <summary>
    /// Places every user and item on a line of <paramref name="interactions"/> that <paramref name="users"/>
    /// and <paramref name="items"/> do not know, with <paramref name="assigner"/>; new ids are
    /// appended in the order of <paramref name="interactions"/>' dense ids.
    /// </summary>
    /// <exception cref="UnusableDataException">The interactions name no new user or item.</exception>
    public static ExtendedAssignment Extend(IncrementalAssigner assigner, IdMap users, IdMap items, Dataset interactions, string source)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(interactions);
        var known = assigner.Known;
        int knownUsers = known.Users.EntityCount, knownItems = known.Items.EntityCount;

        // Dense id of every entity of the file in the extended space: known ids keep theirs.
        // Only ids on a line of the file count: integer ids kept as written fill the range up to
        // the largest, and those in between (absent from the file) are not new entities.
        var train = interactions.Train;
        int[] userId = Map(interactions.Users, DatasetChecks.Present(interactions.UserCount, train.Users), users, knownUsers, out var newUserNames);
        int[] itemId = Map(interactions.Items, DatasetChecks.Present(interactions.ItemCount, train.Items), items, knownItems, out var newItemNames);
        if (newUserNames.Count == 0 && newItemNames.Count == 0)
        {
            throw new UnusableDataException($"{source}: every user and item is already in the assignment; there is nothing to assign{ColdNote(known, userId, itemId, users, items)}");
        }

        var userNeighbours = new List<int>[newUserNames.Count];
        var itemNeighbours = new List<int>[newItemNames.Count];
        int knownPairs = 0, newPairs = 0, used = 0;
        for (int k = 0; k < train.Count; k++)
        {
            int u = userId[train.Users[k]], i = itemId[train.Items[k]];
            bool newUser = u >= knownUsers, newItem = i >= knownItems;
            if (newUser && newItem)
            {
                newPairs++;
            }
            else if (newUser)
            {
                (userNeighbours[u - knownUsers] ??= []).Add(i);
                used++;
            }
            else if (newItem)
            {
                (itemNeighbours[i - knownItems] ??= []).Add(u);
                used++;
            }
            else
            {
                knownPairs++;
            }
        }

        var userSide = Append(known.Users, userNeighbours, knownUsers, (e, n) => assigner.PlaceUser(e, n), out int coldUsers);
        var itemSide = Append(known.Items, itemNeighbours, knownItems, (e, n) => assigner.PlaceItem(e, n), out int coldItems);
        var extended = known with { Users = userSide, Items = itemSide };
        return new ExtendedAssignment(
            extended,
            Extend(users, newUserNames),
            Extend(items, newItemNames),
            newUserNames.Count,
            newItemNames.Count,
            coldUsers,
            coldItems,
            knownPairs,
            newPairs,
            used);
    }

    /// <summary>
    /// Known entities of the file that sit on their side's cold row were clustered without any
    /// interaction: they are the likely reason for a file of known ids, and assign cannot move them.
    /// </summary>
    private static string ColdNote(CodebookAssignment known, int[] userId, int[] itemId, IdMap users, IdMap items)
    {
        var cold = OnColdRow(known.Users, known.UserColdRow, userId).Select(u => $"user '{users.NameOf(u)}'")
            .Concat(OnColdRow(known.Items, known.ItemColdRow, itemId).Select(i => $"item '{items.NameOf(i)}'")).ToList();
        return cold.Count == 0 ? ""
            : $" ({cold.Count:N0} of them, e.g. {cold[0]}, {(cold.Count == 1 ? "sits" : "sit")} on the cold row: the assignment was made without any interaction of theirs, and 'baco assign' never changes a code; to give them rows of their own, compress data that hold their interactions, with --previous to keep the row numbers)";

        static IEnumerable<int> OnColdRow(SideAssignment side, int coldRow, int[] ids) => coldRow < 0 ? []
            : ids.Where(id => id >= 0 && id < side.EntityCount).Distinct().Order().Where(id => side.CodesOf(id) is [int only] && only == coldRow);
    }

    private static int[] Map(IdMap file, bool[] onALine, IdMap known, int knownCount, out List<string> added)
    {
        added = [];
        var ids = new int[file.Count];
        for (int k = 0; k < file.Count; k++)
        {
            if (!onALine[k])
            {
                ids[k] = -1; // no pair refers to it
                continue;
            }

            string name = file.NameOf(k);
            if (known.TryGetId(name, out int id))
            {
                ids[k] = id;
            }
            else
            {
                ids[k] = knownCount + added.Count;
                added.Add(name);
            }
        }

        return ids;
    }

    private static SideAssignment Append(SideAssignment side, List<int>[] neighbours, int knownCount, Func<int, int[], Placement> place, out int cold)
    {
        cold = 0;
        var codes = new List<int>(side.Codes.Length + (2 * neighbours.Length));
        codes.AddRange(side.Codes);
        var offsets = new long[knownCount + neighbours.Length + 1];
        Array.Copy(side.OffsetArray, offsets, side.OffsetArray.Length);
        for (int k = 0; k < neighbours.Length; k++)
        {
            var p = place(knownCount + k, neighbours[k]?.ToArray() ?? []);
            cold += p.Cold ? 1 : 0;
            codes.AddRange(p.Codes);
            offsets[knownCount + k + 1] = codes.Count;
        }

        return new SideAssignment(side.RowCount, [.. codes], offsets);
    }

    private static IdMap Extend(IdMap known, List<string> added)
    {
        if (added.Count == 0)
        {
            return known;
        }

        // Integer ids that continue an identity map keep it (no id file is written).
        if (known.IsIdentity && added.Select((name, k) => known.Count + k == (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v) && v.ToString(System.Globalization.CultureInfo.InvariantCulture) == name ? v : -1)).All(x => x))
        {
            return IdMap.Identity(known.Count + added.Count);
        }

        return IdMap.FromNames([.. known.Names(), .. added]);
    }
}
