using Baco.Codebooks;

namespace Baco.Clustering.Baselines;

/// <summary>One run of a baseline at one knob value: the assignment and its own figures.</summary>
internal sealed record MethodOutcome(CodebookAssignment Assignment, Dictionary<string, double> Stats);
