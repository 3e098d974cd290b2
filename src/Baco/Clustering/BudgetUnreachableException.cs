namespace Baco.Clustering;

/// <summary>Thrown when no value of a method's knob brings the table under the budget.</summary>
public sealed class BudgetUnreachableException(string message) : BacoException(message);
