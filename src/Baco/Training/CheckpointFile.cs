using System.Security.Cryptography;
using Baco.IO;

namespace Baco.Training;

/// <summary>Checks on a checkpoint path that front ends make before any work, and the per-method file names of a comparison.</summary>
public static class CheckpointFile
{
    /// <summary>
    /// Throws <see cref="CheckpointException"/> unless <paramref name="path"/> can serve as a
    /// checkpoint: it is not a symbolic link (dangling or not) or a directory; an existing file is writable and an intact Baco checkpoint (read
    /// through once; whether it fits the run's settings is only known when training starts); it is
    /// not a device or a pipe; and a file can be created next to it (a probe is created and deleted,
    /// with any parent directories made for it). Call it before hours of work depend on the path.
    /// </summary>
    public static void EnsureUsable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // A checkpoint is replaced by a rename at every validation, which would turn a link into a
        // plain file and leave its target behind; a dangling link would be created as a file too.
        if (RealPath.IsLink(path))
        {
            throw new CheckpointException(path, "is a symbolic link; give the path it points to instead (the checkpoint is replaced at every validation, which would turn the link into a file)");
        }

        if (Directory.Exists(path))
        {
            throw new CheckpointException(path, "is a directory; give the path of a file");
        }

        if (IsSpecial(path))
        {
            throw new CheckpointException(path, "is a device or a pipe, not a regular file; give the path of a file");
        }

        if (File.Exists(path))
        {
            // Rewriting replaces the file, which a read-only mode would not stop; a user who protected it meant to keep it.
            if (IsReadOnly(path))
            {
                throw new CheckpointException(path, "is read-only; it is rewritten at every validation, so make it writable or give another path");
            }

            CheckpointFraming.Verify(path);
        }

        if (PathAncestors.FirstFile(Path.GetFullPath(path)) is { } file)
        {
            throw new CheckpointException(path, $"cannot be written: {file} is a file, not a directory");
        }

        string probe = $"{Path.GetFullPath(path)}.probe-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

        // Parents made for the probe are removed again: the first checkpoint makes them, and a run refused later leaves nothing.
        var made = MadeDirectories.MissingAbove(probe);

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(probe)!);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot be written: {IoFailure.Reason(e)}", e);
        }
        finally
        {
            MadeDirectories.RemoveEmpty(made);
        }
    }

    /// <summary>
    /// Throws <see cref="CheckpointException"/> when <paramref name="path"/> lies inside one of the
    /// run's input directories (a model to warm-start from, an assignment): baco would write a file
    /// into a directory it only reads, which its owner did not put there (and which baco itself
    /// would later refuse to replace as a file it did not write). Null entries are skipped.
    /// </summary>
    public static void EnsureOutside(string path, IEnumerable<string?> inputDirectories)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(inputDirectories);
        string real = RealPath.Of(path);
        foreach (string? dir in inputDirectories)
        {
            if (dir is not null && Directory.Exists(dir) && RealPath.IsInside(real, RealPath.Of(dir)))
            {
                throw new CheckpointException(path, $"is inside an input directory of this run ({dir}), which baco only reads; give a path outside it");
            }
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

    private static bool IsReadOnly(string path) => OperatingSystem.IsWindows()
        ? File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly)
        : !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserWrite);

    // A character or block device, a pipe or a socket (/dev/null, a FIFO): not a place for a checkpoint.
    private static bool IsSpecial(string path)
    {
        if (!File.Exists(path) || OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            string real = RealPath.Of(path);
            using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            return !stream.CanSeek || real.StartsWith("/dev/", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
