using System.Globalization;

namespace Baco.Data;

/// <summary>
/// Reads interaction files into a <see cref="Dataset"/> with one id space across
/// train, validation and test. (Minimal integer-TSV version; full reader to follow.)
/// </summary>
public static class InteractionReader
{
    /// <summary>Reads train and, optionally, validation and test files against one id space.</summary>
    public static Dataset Read(string trainPath, string? validationPath = null, string? testPath = null, ReadOptions? options = null)
    {
        var paths = new[] { trainPath, validationPath, testPath };
        var lists = new (List<int> U, List<int> I)?[3];
        int maxU = -1, maxI = -1;
        for (int f = 0; f < 3; f++)
        {
            if (paths[f] is null)
            {
                continue;
            }

            var us = new List<int>();
            var its = new List<int>();
            foreach (string line in File.ReadLines(paths[f]!))
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2)
                {
                    continue;
                }

                int u = int.Parse(parts[0], CultureInfo.InvariantCulture);
                int i = int.Parse(parts[1], CultureInfo.InvariantCulture);
                us.Add(u);
                its.Add(i);
                maxU = Math.Max(maxU, u);
                maxI = Math.Max(maxI, i);
            }

            lists[f] = (us, its);
        }

        InteractionList? Make(int f) => lists[f] is { } l ? InteractionList.FromPairs(l.U.ToArray(), l.I.ToArray()) : null;
        return new Dataset(IdMap.Identity(maxU + 1), IdMap.Identity(maxI + 1), Make(0)!, Make(1), Make(2));
    }
}
