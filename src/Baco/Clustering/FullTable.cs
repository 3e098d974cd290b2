using Baco.Codebooks;
using Baco.Graph;

namespace Baco.Clustering;

/// <summary>
/// The uncompressed baseline ("full"): every user and item owns its row. Ignores the target,
/// so the comparison table's first row is the model every method is measured against.
/// </summary>
public sealed class FullTable : ICompressionMethod
{
    /// <summary>The method's name.</summary>
    public const string MethodName = "full";

    /// <inheritdoc/>
    public string Name => MethodName;

    /// <inheritdoc/>
    public CompressionResult Compress(BipartiteGraph graph, CompressionTarget target, CompressionContext context)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return new CompressionResult(CodebookAssignment.Full(graph.UserCount, graph.ItemCount), double.NaN, 0, new CompressionStats());
    }
}
