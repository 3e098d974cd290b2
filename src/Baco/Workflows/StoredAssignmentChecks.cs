using Baco.Assignment;
using Baco.Data;

namespace Baco.Workflows;

/// <summary>Whether a stored assignment can be reused with a dataset: the same users and items, numbered alike.</summary>
public static class StoredAssignmentChecks
{
    /// <summary>
    /// The first difference between the stored assignment's id space and <paramref name="data"/>'s
    /// (the counts, then user and item ids in dense order), or null when they are the same.
    /// </summary>
    public static string? IdSpaceDifference(StoredAssignment stored, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(data);
        if (stored.Users.Count != data.UserCount || stored.Items.Count != data.ItemCount)
        {
            return $"it covers {stored.Users.Count:N0} users and {stored.Items.Count:N0} items, the data have {data.UserCount:N0} and {data.ItemCount:N0}";
        }

        for (int u = 0; u < data.UserCount; u++)
        {
            if (stored.Users.NameOf(u) != data.Users.NameOf(u))
            {
                return $"user number {u} is '{stored.Users.NameOf(u)}' there and '{data.Users.NameOf(u)}' here";
            }
        }

        for (int i = 0; i < data.ItemCount; i++)
        {
            if (stored.Items.NameOf(i) != data.Items.NameOf(i))
            {
                return $"item number {i} is '{stored.Items.NameOf(i)}' there and '{data.Items.NameOf(i)}' here";
            }
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
