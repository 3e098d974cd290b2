namespace Baco.Data;

/// <summary>
/// Estimates how many interactions a large file holds by reading small probes spread over it,
/// so the edge buffer can be allocated once at about the right size (ids get longer further
/// into a sorted file, so the first bytes alone overestimate the count).
/// </summary>
internal static class EdgeCountEstimator
{
    private const int Probes = 16;
    private const int ProbeBytes = 16 * 1024;

    public static long Estimate(string path, long length, FileLayout layout)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var buffer = new byte[ProbeBytes];
        long bytes = 0, edges = 0;
        for (int p = 0; p < Probes; p++)
        {
            stream.Position = length * p / Probes;
            int n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var chunk = buffer.AsSpan(0, n);

            // Whole lines only: from after the first newline to the last one.
            int first = chunk.IndexOf((byte)'\n');
            int last = chunk.LastIndexOf((byte)'\n');
            if (first < 0 || last <= first)
            {
                continue;
            }

            var lines = chunk[(first + 1)..(last + 1)];
            bytes += lines.Length;
            while (!lines.IsEmpty)
            {
                int nl = lines.IndexOf((byte)'\n');
                var line = FieldCursor.Trim(lines[..nl]);
                lines = lines[(nl + 1)..];
                if (line.IsEmpty || line[0] == (byte)'#')
                {
                    continue;
                }

                edges += layout.Format == InteractionFormat.Adjacency
                    ? Math.Max(1, FieldCursor.Count(line, layout.Delimiter) - 1)
                    : 1;
            }
        }

        double bytesPerEdge = edges > 0 ? bytes / (double)edges : layout.BytesPerEdge;
        return (long)(length / Math.Max(1.0, bytesPerEdge));
    }
}
