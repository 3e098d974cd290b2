namespace Baco.Training;

/// <summary>The loss or a gradient became infinite or NaN: the learning rate or regularisation is too large for this data.</summary>
public sealed class TrainingDivergedException(string message) : BacoException(message);
