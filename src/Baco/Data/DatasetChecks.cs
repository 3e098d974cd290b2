using System.Globalization;

namespace Baco.Data;

/// <summary>
/// Looks for data that reads fine but will mislead an evaluation: validation or test entities
/// with no training interaction, and evaluation interactions that are also training
/// interactions (masked when ranking, so they can never be hit). Reports each as one line, with
/// counts; a test or validation set within the training set, or a test set within the
/// validation set, is refused, since every metric would be zero.
/// </summary>
public static class DatasetChecks
{
    /// <summary>One warning line per finding, empty when the data look sound. Throws <see cref="UnusableDataException"/> when an evaluation set equals a set whose items it masks.</summary>
    public static IReadOnlyList<string> Inspect(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var warnings = new List<string>();
        var trainUsers = Present(data.UserCount, data.Train.Users);
        var trainItems = Present(data.ItemCount, data.Train.Items);
        Refuse("test", data.Test, "training", data.Train, "masked when ranking, so no metric could be computed");
        Refuse("validation", data.Validation, "training", data.Train, "masked when validating, so early stopping would see only zeros");
        Refuse("test", data.Test, "validation", data.Validation, "masked when ranking the test (validation items count as seen), so no metric could be computed");

        Missing("user", data.UserCount, data.Users, [data.Train.Users, data.Validation?.Users, data.Test?.Users], "is never evaluated", warnings);
        Missing("item", data.ItemCount, data.Items, [data.Train.Items, data.Validation?.Items, data.Test?.Items], "is ranked for every user", warnings);
        Check("validation", data.Validation, data, trainUsers, trainItems, warnings);
        Check("test", data.Test, data, trainUsers, trainItems, warnings);
        if (data.Test is { Count: > 0 } t && data.Validation is { Count: > 0 } v && Overlap(t, v) is long both and > 0)
        {
            warnings.Add($"{both:N0} of the {t.Count:N0} test interactions are also validation interactions: validation items are masked when ranking the test, so these can never be hit ({Percent(both, t.Count)}).");
        }

        return warnings;
    }

    private static void Refuse(string what, InteractionList? list, string otherName, InteractionList? other, string consequence)
    {
        if (list is { Count: > 0 } && other is not null && SameInteractions(list, other))
        {
            throw new UnusableDataException(
                $"the {what} interactions are exactly the {otherName} interactions ({list.Count:N0}); every one would be {consequence}. Give a held-out {what} file.");
        }

        if (list is { Count: > 0 } && other is not null && Overlap(list, other) == list.Count)
        {
            throw new UnusableDataException(
                $"every one of the {list.Count:N0} {what} interactions is also one of the {other.Count:N0} {otherName} interactions, so it would be {consequence}. Give a held-out {what} file.");
        }
    }

    private static void Check(string what, InteractionList? list, Dataset data, bool[] trainUsers, bool[] trainItems, List<string> warnings)
    {
        if (list is not { Count: > 0 })
        {
            return;
        }

        var (users, coldUsers, coldUserExample) = Unseen(list.Users, trainUsers, data.Users);
        if (coldUsers > 0)
        {
            warnings.Add($"{coldUsers:N0} of the {users:N0} {what} users (e.g. '{coldUserExample}') have no training interaction: nothing is learnt about them, so their rankings come from a row trained on others (the cold row, a hash row) or from their initial embedding.");
        }

        var (items, coldItems, coldItemExample) = Unseen(list.Items, trainItems, data.Items);
        if (coldItems > 0)
        {
            warnings.Add($"{coldItems:N0} of the {items:N0} {what} items (e.g. '{coldItemExample}') have no training interaction: nothing is learnt about them, so their scores come from a row trained on others (the cold row, a hash row) or from their initial embedding.");
        }

        long overlap = Overlap(list, data.Train);
        if (overlap > 0)
        {
            warnings.Add($"{overlap:N0} of the {list.Count:N0} {what} interactions are also training interactions: training items are masked when ranking, so these can never be hit ({Percent(overlap, list.Count)}).");
        }
    }

    /// <summary>
    /// Integer ids are kept as written, so the ids that no file holds between 1 and the largest
    /// become entities without interactions; said once, since they take table rows (the cold row
    /// or rows of their own) and count in the full table that a budget is a share of.
    /// </summary>
    private static void Missing(string what, int count, IdMap names, int[]?[] lists, string consequence, List<string> warnings)
    {
        if (!names.IsIdentity)
        {
            return;
        }

        var present = Present(count, lists);

        // Id 0 is left out of the count: files numbered from 1 miss only it, one row that costs little (recommend never lists it).
        int missing = present.Skip(1).Count(p => !p);
        if (missing > 0)
        {
            string example = names.NameOf(Array.IndexOf(present, false, 1));
            warnings.Add($"{missing:N0} of the {count:N0} {what} ids up to the largest, {names.NameOf(count - 1)} (e.g. '{example}'), appear in no file: integer ids are kept as written, so each is {(what == "item" ? "an" : "a")} {what} without interactions: it counts in the full table (and so in a --budget share) and {consequence}. Number the ids without gaps to leave them out.");
        }
    }

    /// <summary>Which of <paramref name="count"/> ids occur in any of <paramref name="lists"/> (null lists skipped).</summary>
    internal static bool[] Present(int count, params int[]?[] lists)
    {
        var present = new bool[count];
        foreach (int[]? ids in lists)
        {
            foreach (int id in ids ?? [])
            {
                present[id] = true;
            }
        }

        return present;
    }

    private static (int Distinct, int Unseen, string? Example) Unseen(int[] ids, bool[] inTrain, IdMap names)
    {
        var counted = new bool[inTrain.Length];
        int distinct = 0, unseen = 0;
        string? example = null;
        foreach (int id in ids)
        {
            if (counted[id])
            {
                continue;
            }

            counted[id] = true;
            distinct++;
            if (!inTrain[id])
            {
                unseen++;
                example ??= names.NameOf(id);
            }
        }

        return (distinct, unseen, example);
    }

    // Both lists are sorted by (user, item) without duplicates: one merge counts the common pairs.
    private static long Overlap(InteractionList a, InteractionList b)
    {
        long common = 0;
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            int c = a.Users[i] != b.Users[j] ? a.Users[i].CompareTo(b.Users[j]) : a.Items[i].CompareTo(b.Items[j]);
            if (c == 0)
            {
                common++;
                i++;
                j++;
            }
            else if (c < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    private static bool SameInteractions(InteractionList a, InteractionList b)
        => a.Count == b.Count && a.Users.AsSpan().SequenceEqual(b.Users) && a.Items.AsSpan().SequenceEqual(b.Items);

    private static string Percent(long part, long whole) => (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
