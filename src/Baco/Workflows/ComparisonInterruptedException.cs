namespace Baco.Workflows;

/// <summary>
/// A comparison was cancelled. <see cref="Partial"/> holds every method that finished, the one
/// that was interrupted (its row says after how many epochs, and what its best validated model
/// had reached) and those that never ran, so a caller can still write the report. Derives from
/// <see cref="OperationCanceledException"/>, so code that handles cancellation in general still does.
/// </summary>
public sealed class ComparisonInterruptedException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public ComparisonInterruptedException(ComparisonResult partial, CancellationToken token)
        : base($"the comparison was cancelled after {partial.Methods.Count(m => m.Error is null)} of {partial.Methods.Count} methods", token)
    {
        Partial = partial;
    }

    /// <summary>The comparison as far as it got; <see cref="MethodOutcome.Interrupted"/> marks the rows that did not finish.</summary>
    public ComparisonResult Partial { get; }
}
