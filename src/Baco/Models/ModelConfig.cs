using Baco.Codebooks;

namespace Baco.Models;

/// <summary>What config.json of a saved model holds: enough to rebuild it from the .npy files.</summary>
/// <param name="FormatVersion">Layout version of the model directory (1).</param>
/// <param name="Model">Backbone.</param>
/// <param name="Layers">LightGCN layers.</param>
/// <param name="Dim">Embedding width.</param>
/// <param name="Users">Number of users.</param>
/// <param name="Items">Number of items.</param>
/// <param name="UserRows">User codebook rows.</param>
/// <param name="ItemRows">Item codebook rows.</param>
/// <param name="Method">Assignment method name.</param>
/// <param name="Combiner">How multiple codes combine.</param>
public sealed record ModelConfig(int FormatVersion, ModelKind Model, int Layers, int Dim, int Users, int Items, int UserRows, int ItemRows, string Method, CodeCombiner Combiner);
