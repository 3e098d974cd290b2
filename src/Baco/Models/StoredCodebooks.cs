using Baco.Assignment;

namespace Baco.Models;

/// <summary>What <see cref="ModelStore.LoadCodebooks"/> returns: a trained model's settings, assignment and codebooks.</summary>
/// <param name="Config">The saved config.json.</param>
/// <param name="Assignment">The assignment with the original user and item ids.</param>
/// <param name="UserCodebook">The trained user codebook, rows x dim.</param>
/// <param name="ItemCodebook">The trained item codebook, rows x dim.</param>
public sealed record StoredCodebooks(ModelConfig Config, StoredAssignment Assignment, float[] UserCodebook, float[] ItemCodebook);
