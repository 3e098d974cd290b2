namespace Baco.Models;

/// <summary>The models' names in prose; their names in files and on the command line are <see cref="Names"/>'s ("lightgcn", "mf").</summary>
public static class ModelNames
{
    /// <summary>The model's name in prose (titles, progress lines, messages): "LightGCN" or "MF".</summary>
    public static string Display(ModelKind model) => model == ModelKind.LightGcn ? "LightGCN" : "MF";
}
