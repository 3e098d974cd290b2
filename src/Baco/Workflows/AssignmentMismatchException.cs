namespace Baco.Workflows;

/// <summary>Why a stored assignment or model cannot serve a training run.</summary>
public enum AssignmentMismatch
{
    /// <summary>The assignment was made for other users or items (<see cref="StoredAssignmentChecks.IdSpaceDifference"/>).</summary>
    IdSpace,

    /// <summary>The assignment saw validation interactions of the run (<see cref="HoldOutMismatch"/>).</summary>
    HoldOut,

    /// <summary>The warm-start model's rows cannot be related to the assignment's.</summary>
    WarmStartRows,
}

/// <summary>
/// A stored assignment (or warm-start model) does not fit the data or settings of a training run.
/// <see cref="Setting"/> names the <see cref="TrainRequest"/> property that supplied it, so a front
/// end can name its own option; <see cref="Problem"/> says what differs.
/// </summary>
public sealed class AssignmentMismatchException : BacoException
{
    /// <summary>Creates the exception for <paramref name="source"/> (a directory), with what differs.</summary>
    public AssignmentMismatchException(AssignmentMismatch kind, string source, string problem, HoldOutMismatch? holdOut = null)
        : base(Describe(kind, source, problem))
    {
        Kind = kind;
        Location = source;
        Problem = problem;
        HoldOut = holdOut;
    }

    /// <summary>Why the stored state does not fit.</summary>
    public AssignmentMismatch Kind { get; }

    /// <summary>The request property behind the stored state: "Assignment" or "WarmStartModel".</summary>
    public string Setting => Kind == AssignmentMismatch.WarmStartRows ? nameof(TrainRequest.WarmStartModel) : nameof(TrainRequest.Assignment);

    /// <summary>Where the stored state came from (its directory), as the messages name it.</summary>
    public string Location { get; }

    /// <summary>What differs, without the source, e.g. "user number 3 is 'a' there and 'b' here".</summary>
    public string Problem { get; }

    /// <summary>For <see cref="AssignmentMismatch.HoldOut"/>: the mismatch.</summary>
    public HoldOutMismatch? HoldOut { get; }

    private static string Describe(AssignmentMismatch kind, string source, string problem) => kind switch
    {
        AssignmentMismatch.IdSpace => source.StartsWith("the ", StringComparison.Ordinal) ? $"{source} was made for another data set: {problem}" : $"the assignment {source} was made for another data set: {problem}",
        AssignmentMismatch.WarmStartRows => source.StartsWith("the ", StringComparison.Ordinal) ? $"{source} does not fit the assignment: {problem}" : $"the warm-start model {source} does not fit the assignment: {problem}",
        _ => problem,
    };
}
