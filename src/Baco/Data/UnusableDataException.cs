namespace Baco.Data;

/// <summary>
/// The data were read correctly but cannot serve the job asked of them: too few interactions to
/// train, a user with no item left to sample as a negative, a test set equal to the training set.
/// The message names the entities in the user's own ids.
/// </summary>
public sealed class UnusableDataException(string message) : BacoException(message);
