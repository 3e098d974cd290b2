using Baco.Assignment;
using Baco.Data;

namespace Baco.Workflows;

/// <summary>Whether a stored assignment can be reused with a dataset: the same users and items, numbered alike.</summary>
public static class StoredAssignmentChecks
{
    /// <summary>
    /// The first difference between the stored assignment's id space and <paramref name="data"/>'s
    /// (users then items: ids in dense order, then entities only one side has), or null when they are the same.
    /// </summary>
    public static string? IdSpaceDifference(StoredAssignment stored, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(data);
        // Data read against the assignment (ReadOptions.KnownUsers) number its entities first:
        // then the only difference is entities it lacks, named by the first of them.
        return Difference(stored.Users, data.Users, "user") ?? Difference(stored.Items, data.Items, "item");
    }

    private static string? Difference(IdMap stored, IdMap data, string what)
    {
        int common = Math.Min(stored.Count, data.Count);
        for (int k = 0; k < common; k++)
        {
            if (stored.NameOf(k) != data.NameOf(k))
            {
                return $"{what} number {k} is '{stored.NameOf(k)}' there and '{data.NameOf(k)}' here";
            }
        }

        if (data.Count > stored.Count)
        {
            int extra = data.Count - stored.Count;
            return $"{extra:N0} {what}{(extra == 1 ? "" : "s")} of the data {(extra == 1 ? "is" : "are")} not in it (e.g. '{data.NameOf(stored.Count)}')";
        }

        if (data.Count < stored.Count)
        {
            return $"it covers {stored.Count:N0} {what}s, the data have {data.Count:N0}";
        }

        return null;
    }

    /// <summary>Throws <see cref="AssignmentMismatchException"/> (<see cref="AssignmentMismatch.IdSpace"/>) when <see cref="IdSpaceDifference"/> finds one.</summary>
    public static void EnsureSameIdSpace(StoredAssignment stored, Dataset data, string source)
    {
        if (IdSpaceDifference(stored, data) is { } problem)
        {
            throw new AssignmentMismatchException(AssignmentMismatch.IdSpace, source, problem);
        }
    }
}
