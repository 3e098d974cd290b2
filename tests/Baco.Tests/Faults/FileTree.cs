using System.Security.Cryptography;

namespace Baco.Tests.Faults;

/// <summary>A snapshot of every file and directory under a folder (relative path -> content hash), to prove a failed run touched nothing.</summary>
internal static class FileTree
{
    public static SortedDictionary<string, string> Snapshot(string root)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            tree[Path.GetRelativePath(root, dir) + "/"] = "dir";
        }

        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            tree[Path.GetRelativePath(root, file)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return tree;
    }
}
