using System.Security.Cryptography;

namespace Baco.IO;

/// <summary>
/// Writes a directory so that readers see either the old one or the complete new one, never a
/// half-written one: files go to a temporary sibling, which then replaces the target by rename.
/// </summary>
public static class AtomicDirectory
{
    /// <summary>Creates a temporary sibling of <paramref name="dir"/>, lets <paramref name="writeFiles"/> fill it, then publishes it as <paramref name="dir"/>.</summary>
    public static void Write(string dir, Action<string> writeFiles)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        ArgumentNullException.ThrowIfNull(writeFiles);
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        if (File.Exists(target))
        {
            throw new IOException($"'{dir}' is a file, not a directory.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string temp = $"{target}.tmp-{RandomSuffix()}";
        Directory.CreateDirectory(temp);
        try
        {
            writeFiles(temp);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        Publish(temp, target);
    }

    private static void Publish(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            MoveOrCleanUp(temp, target);
            return;
        }

        // Move the old directory aside first and delete it only once the new one is in place.
        string old = $"{target}.old-{RandomSuffix()}";
        Directory.Move(target, old);
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            Directory.Move(old, target);
            TryDelete(temp);
            throw;
        }

        TryDelete(old);
    }

    private static void MoveOrCleanUp(string temp, string target)
    {
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp or old directory is harmless; the result is already in place or reported.
        }
    }

    private static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
