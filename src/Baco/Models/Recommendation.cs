namespace Baco.Models;

/// <summary>One recommended item (dense id) and its score.</summary>
public readonly record struct Recommendation(int Item, float Score);
