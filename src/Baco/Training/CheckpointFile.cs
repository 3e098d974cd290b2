using System.Security.Cryptography;

namespace Baco.Training;

/// <summary>Checks on a checkpoint path that front ends make before any work, and the per-method file names of a comparison.</summary>
public static class CheckpointFile
{
    /// <summary>
    /// Throws <see cref="CheckpointException"/> unless <paramref name="path"/> can serve as a
    /// checkpoint: it is not a directory; an existing file is an intact Baco checkpoint (read
    /// through once; whether it fits the run's settings is only known when training starts); and a
    /// file can be created next to it (a probe is created and deleted; a missing parent directory is
    /// created, as the first checkpoint would). Call it before hours of work depend on the path.
    /// </summary>
    public static void EnsureUsable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new CheckpointException(path, "is a directory; give the path of a file");
        }

        if (File.Exists(path))
        {
            CheckpointFraming.Verify(path);
        }

        string probe = $"{Path.GetFullPath(path)}.probe-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(probe)!);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot be written: {e.Message}", e);
        }
    }

    /// <summary>
    /// The checkpoint of one method of a comparison: <paramref name="path"/>.<paramref name="method"/>
    /// (ck.bin.baco), so methods, whose settings differ, never share a file.
    /// </summary>
    public static string ForMethod(string path, string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(method);
        return $"{path}.{method}";
    }
}
