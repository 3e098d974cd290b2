using Baco.Clustering;
using Baco.Codebooks;
using Baco.Data;

namespace Baco.Assignment;

/// <summary>What matching one side's rows against the earlier assignment found.</summary>
/// <param name="Rows">Rows of this side.</param>
/// <param name="PreviousRows">Rows of this side in the earlier assignment.</param>
/// <param name="Matched">Rows matched to an earlier row.</param>
/// <param name="KeptNumber">Matched rows that took their earlier row's number (the others' earlier number is beyond this side's rows).</param>
/// <param name="SharedMembers">Entities whose row is matched to their earlier row: the sum of shared members over the matched pairs.</param>
/// <param name="CommonEntities">Entities in both assignments (by their own ids).</param>
/// <param name="NewEntities">Entities the earlier assignment does not have.</param>
/// <param name="RemovedEntities">Entities of the earlier assignment that this one does not have.</param>
/// <param name="ColdMatched">Whether the cold row was matched to the earlier cold row (both exist).</param>
public sealed record SideMatch(int Rows, int PreviousRows, int Matched, int KeptNumber, long SharedMembers, int CommonEntities, int NewEntities, int RemovedEntities, bool ColdMatched);

/// <summary>The result of <see cref="RowRenumbering.Renumber"/>.</summary>
/// <param name="Assignment">The assignment with its rows renumbered and <see cref="CodebookAssignment.PreviousRows"/> set.</param>
/// <param name="Users">What the user side's matching found.</param>
/// <param name="Items">What the item side's matching found.</param>
/// <param name="Previous">The earlier assignment's fingerprint.</param>
public sealed record RenumberedAssignment(CodebookAssignment Assignment, SideMatch Users, SideMatch Items, string Previous);

/// <summary>
/// Numbers a new clustering's rows so that they overlap an earlier clustering's rows as much as
/// possible (docs/METHOD.md, "Stable rows across re-clustering"): per side, rows are matched by
/// shared members (entities matched by their own ids), greedily by count; a matched row takes its
/// earlier row's number where this side has that many rows. Which entities share a row does not
/// change, nor does the parameter count; only the numbers do.
/// </summary>
public static class RowRenumbering
{
    /// <summary>The methods whose rows are clusters of entities, which can be renumbered.</summary>
    public static IReadOnlyList<string> Methods { get; } = [.. CompressionMethods.All.Where(m => m.RowsAreClusters).Select(m => m.Name)];

    /// <summary>Throws <see cref="InvalidSettingException"/> (setting "Method") unless <paramref name="method"/>'s rows can be renumbered.</summary>
    public static void EnsureRenumberable(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        string name = method.Trim().ToLowerInvariant();
        if (Methods.Contains(name))
        {
            return;
        }

        string why = name == "full"
            ? "method 'full' gives every entity its own row, numbered by the entity's dense id"
            : $"method '{name}' places entities by their dense id (a hash or a frequency rank), which 'baco assign' recomputes for new entities; renumbering its rows would break that";
        throw new InvalidSettingException("Method", $"{why}. Rows can be numbered against an earlier assignment for {string.Join(", ", Methods)}");
    }

    /// <summary>
    /// Renumbers <paramref name="current"/> (whose entities are named by <paramref name="users"/>
    /// and <paramref name="items"/>) against <paramref name="previous"/>.
    /// </summary>
    /// <exception cref="InvalidSettingException">The current method's rows cannot be renumbered.</exception>
    public static RenumberedAssignment Renumber(CodebookAssignment current, IdMap users, IdMap items, StoredAssignment previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(previous);
        EnsureRenumberable(current.Method);
        var before = previous.Assignment;
        var u = MatchSide(current.Users, current.UserColdRow, users, before.Users, before.UserColdRow, previous.Users);
        var i = MatchSide(current.Items, current.ItemColdRow, items, before.Items, before.ItemColdRow, previous.Items);
        string fingerprint = AssignmentFingerprint.Of(before, previous.Users, previous.Items);
        var renumbered = current.WithRowsRenumbered(u.Number, i.Number) with
        {
            PreviousRows = new RowMap(u.Map, i.Map, before.Users.RowCount, before.Items.RowCount, fingerprint),
        };
        return new RenumberedAssignment(renumbered, u.Match, i.Match, fingerprint);
    }

    /// <summary>
    /// How the rows of <paramref name="current"/> relate to those of <paramref name="previous"/>,
    /// for a warm start: every row its own when <paramref name="current"/> has
    /// <paramref name="previous"/>'s rows (it is that assignment, or 'baco assign' extended it:
    /// the same method and row counts, and every earlier entity, by its own id, has the same
    /// codes); otherwise the row map it was numbered with, which must have been made against
    /// <paramref name="previous"/>.
    /// </summary>
    /// <exception cref="UnusableDataException">Neither holds.</exception>
    public static RowMap MapTo(StoredAssignment previous, CodebookAssignment current, IdMap users, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        var before = previous.Assignment;
        string fingerprint = AssignmentFingerprint.Of(before, previous.Users, previous.Items);
        if (SameRows(before.Users, previous.Users, current.Users, users) && SameRows(before.Items, previous.Items, current.Items, items)
            && before.Method == current.Method && before.Combiner == current.Combiner)
        {
            return RowMap.Identity(current.Users.RowCount, current.Items.RowCount, fingerprint);
        }

        if (current.PreviousRows is not { } map)
        {
            throw new UnusableDataException(
                "the assignment carries no row map to the model's rows (it was not numbered against the model's assignment, and it does not have the model's rows); make it with 'baco compress --previous MODEL'");
        }

        if (map.Previous != fingerprint || map.PreviousUserRows != before.Users.RowCount || map.PreviousItemRows != before.Items.RowCount)
        {
            throw new UnusableDataException(
                $"the assignment's rows were numbered against another assignment ({map.PreviousUserRows:N0} + {map.PreviousItemRows:N0} rows, {Short(map.Previous)}) than the model's ({before.Users.RowCount:N0} + {before.Items.RowCount:N0} rows, {Short(fingerprint)}); make it with 'baco compress --previous MODEL'");
        }

        return map;
    }

    private static string Short(string fingerprint) => fingerprint.Length > 19 ? fingerprint[..19] : fingerprint;

    /// <summary>Same row count, and every entity of <paramref name="before"/> is in <paramref name="now"/> with the same codes.</summary>
    private static bool SameRows(SideAssignment before, IdMap beforeIds, SideAssignment now, IdMap ids)
    {
        if (before.RowCount != now.RowCount || before.EntityCount > now.EntityCount)
        {
            return false;
        }

        for (int p = 0; p < before.EntityCount; p++)
        {
            if (!ids.TryGetId(beforeIds.NameOf(p), out int e) || !before.CodesOf(p).SequenceEqual(now.CodesOf(e)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One side: the new number of each row, the row map indexed by the new numbers and the
    /// figures. A row's members are the entities whose first (primary) code it is.
    /// </summary>
    private static (int[] Number, int[] Map, SideMatch Match) MatchSide(SideAssignment now, int cold, IdMap ids, SideAssignment before, int beforeCold, IdMap beforeIds)
    {
        int rows = now.RowCount, previousRows = before.RowCount;

        // Shared members of each (row, earlier row) pair, over the entities both know. Cold rows
        // are left out: they hold the entities without interactions, not a cluster.
        var shared = new Dictionary<long, int>();
        int common = 0, coldShared = 0;
        for (int e = 0; e < now.EntityCount; e++)
        {
            if (!beforeIds.TryGetId(ids.NameOf(e), out int p))
            {
                continue;
            }

            common++;
            int r = now.CodeArray[now.OffsetArray[e]];
            int q = before.CodeArray[before.OffsetArray[p]];
            if (r == cold || q == beforeCold)
            {
                coldShared += r == cold && q == beforeCold ? 1 : 0;
                continue;
            }

            long key = ((long)r << 32) | (uint)q;
            shared[key] = shared.GetValueOrDefault(key) + 1;
        }

        var match = new int[rows];
        Array.Fill(match, -1);
        var taken = new bool[previousRows];
        long sharedMembers = 0;
        bool coldMatched = cold >= 0 && beforeCold >= 0;
        if (coldMatched)
        {
            match[cold] = beforeCold;
            taken[beforeCold] = true;
            sharedMembers += coldShared;
        }

        // Greedy: the pair sharing most members first (ties: lower row, then lower earlier row).
        var pairs = shared.Select(kv => (Row: (int)(kv.Key >> 32), Previous: (int)(uint)kv.Key, Count: kv.Value))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Row).ThenBy(x => x.Previous);
        int matched = coldMatched ? 1 : 0;
        foreach (var (row, prev, count) in pairs)
        {
            if (match[row] < 0 && !taken[prev])
            {
                match[row] = prev;
                taken[prev] = true;
                sharedMembers += count;
                matched++;
            }
        }

        // Matched rows keep their earlier number when this side has it; every other row takes the
        // lowest number left, in the order of its own number.
        var number = new int[rows];
        Array.Fill(number, -1);
        var used = new bool[rows];
        int kept = 0;
        for (int r = 0; r < rows; r++)
        {
            if (match[r] >= 0 && match[r] < rows)
            {
                number[r] = match[r];
                used[match[r]] = true;
                kept++;
            }
        }

        int next = 0;
        for (int r = 0; r < rows; r++)
        {
            if (number[r] < 0)
            {
                while (used[next])
                {
                    next++;
                }

                number[r] = next;
                used[next] = true;
            }
        }

        var map = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            map[number[r]] = match[r];
        }

        return (number, map, new SideMatch(rows, previousRows, matched, kept, sharedMembers, common, now.EntityCount - common, before.EntityCount - common, coldMatched));
    }
}
