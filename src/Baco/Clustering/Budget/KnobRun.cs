using Baco.Codebooks;

namespace Baco.Clustering.Budget;

/// <summary>One run of a baseline at one knob value: the assignment and its own figures.</summary>
internal sealed record KnobRun(CodebookAssignment Assignment, CompressionStats Stats);
