using System.Diagnostics;
using System.Security.Cryptography;

namespace Baco.IO;

/// <summary>
/// An output directory that is validated and reserved before any work starts and published
/// atomically when the work is done: readers see either the previous directory or the complete
/// new one. Baco replaces an existing directory only when it is empty or carries the
/// <see cref="MarkerFile"/> that only Baco writes, naming the same writer (a model from
/// <c>baco train</c> is never replaced by <c>baco compress</c>), and never the current directory, one of its
/// parents, a directory holding one of the run's inputs, or a directory inside an input directory. Files are written into
/// <see cref="WorkPath"/>, a sibling named <c>&lt;dir&gt;.tmp-&lt;pid&gt;-&lt;random&gt;</c>;
/// siblings left behind by a killed run are cleaned up the next time the same directory is prepared.
/// </summary>
public sealed class OutputDirectory : IDisposable
{
    /// <summary>The file that marks a directory as Baco's own output, safe to replace.</summary>
    public const string MarkerFile = ".baco-output";

    private readonly string _what;
    private readonly List<string> _createdParents;
    private bool _published;

    private OutputDirectory(string path, string target, string work, string what, List<string> createdParents)
    {
        Path = path;
        Target = target;
        WorkPath = work;
        _what = what;
        _createdParents = createdParents;
    }

    /// <summary>The directory as the caller gave it.</summary>
    public string Path { get; }

    /// <summary>The absolute directory that <see cref="Publish"/> writes.</summary>
    public string Target { get; }

    /// <summary>The private directory to write files into before <see cref="Publish"/>.</summary>
    public string WorkPath { get; }

    /// <summary>
    /// Checks that <paramref name="path"/> may be written and replaced, cleans up what killed runs
    /// left beside it, and creates the private work directory (which proves the location writable).
    /// Throws <see cref="OutputPathException"/>, having touched nothing of the user's, when the
    /// directory must not or cannot be written.
    /// </summary>
    /// <param name="path">The output directory.</param>
    /// <param name="what">What writes it, recorded in the marker (e.g. "baco compress").</param>
    /// <param name="inputs">Files and directories the run reads: the output may not contain or be one of them, nor lie inside an input directory.</param>
    public static OutputDirectory Prepare(string path, string what, IEnumerable<string>? inputs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(what);
        string target = Resolve(path);
        CheckPlace(path, target, inputs ?? []);
        CheckReplaceable(path, target, what);
        CleanUpSiblings(target);
        var createdParents = MadeDirectories.MissingAbove(target);
        string work = $"{target}.tmp-{Tag()}";
        try
        {
            CreateWork(path, work);
            ProbeReplace(path, target);
            return new OutputDirectory(path, target, work, what, createdParents);
        }
        catch
        {
            // Nothing of this run may stay behind: the work directory, then the parents made for it.
            TryDelete(work);
            MadeDirectories.RemoveEmpty(createdParents);
            throw;
        }
    }

    /// <summary>Writes <paramref name="writeFiles"/>'s files to <paramref name="path"/> atomically (prepare, write, publish).</summary>
    public static void Write(string path, string what, Action<string> writeFiles, IEnumerable<string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(writeFiles);
        using var output = Prepare(path, what, inputs);
        output.Complete(writeFiles);
    }

    /// <summary>
    /// Lets <paramref name="writeFiles"/> fill the work directory, then publishes it. A file-system
    /// failure on the way (a full disk, a quota) is an <see cref="OutputPathException"/> naming
    /// this output, not the work directory.
    /// </summary>
    public void Complete(Action<string> writeFiles)
    {
        ArgumentNullException.ThrowIfNull(writeFiles);
        Guard(() => writeFiles(WorkPath));
        Publish();
    }

    /// <summary>
    /// Marks what is published as the output of a run that did not finish (an interrupted
    /// training's best model so far). Such an output never replaces a finished one:
    /// <see cref="Publish"/> refuses, and <see cref="HoldsFinishedOutput"/> tells beforehand.
    /// </summary>
    public bool Partial { get; set; }

    /// <summary>Whether the directory now holds a finished Baco output, which a <see cref="Partial"/> one does not replace.</summary>
    public bool HoldsFinishedOutput => Directory.Exists(Target) && OutputMarker.Read(Target) is { Partial: false };

    /// <summary>
    /// The earlier output this one replaced, when it could not be deleted after the move (another
    /// user's files, say): it was left at this path, and the caller should say so. Null otherwise.
    /// </summary>
    public string? LeftBehind { get; private set; }

    /// <summary>True when <paramref name="dir"/> carries a valid Baco output marker.</summary>
    public static bool IsBacoOutput(string dir) => OutputMarker.Read(dir) is not null;

    /// <summary>Marks the work directory as Baco's output and moves it into place, replacing the previous output.</summary>
    public void Publish()
    {
        ObjectDisposedException.ThrowIf(_published, this);
        Guard(() => OutputMarker.Write(WorkPath, _what, Partial));

        // Someone may have put files there while we worked: check again before replacing.
        CheckReplaceable(Path, Target, _what);
        if (Partial && HoldsFinishedOutput)
        {
            throw new OutputPathException(Path, "holds a finished output, which the output of an interrupted run does not replace");
        }

        if (!Directory.Exists(Target))
        {
            Guard(() => Directory.Move(WorkPath, Target));
            _published = true;
            return;
        }

        // The new directory takes the old one's permissions: an empty folder made private for
        // the output (or a previous output chmod-ed since) stays private.
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                File.SetUnixFileMode(WorkPath, File.GetUnixFileMode(Target));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure(e);
            }
        }

        // Move the old directory aside first and delete it only once the new one is in place.
        string old = $"{Target}.old-{Tag()}";
        Guard(() => Directory.Move(Target, old));
        try
        {
            Directory.Move(WorkPath, Target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Directory.Move(old, Target);
            throw Failure(e);
        }

        _published = true;
        if (!TryDelete(old))
        {
            LeftBehind = old;
        }
    }

    /// <summary>Deletes the work directory, and the parents created for it, unless it was published.</summary>
    public void Dispose()
    {
        if (!_published)
        {
            TryDelete(WorkPath);
            MadeDirectories.RemoveEmpty(_createdParents);
            _published = true;
        }
    }


    private static string Resolve(string path)
    {
        try
        {
            return System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException or UnauthorizedAccessException)
        {
            throw new OutputPathException(path, CurrentDirectory() is null
                ? "is relative, but the current directory no longer exists; give an absolute path or change directory"
                : $"is not a usable path ({e.Message})", e);
        }
    }

    private static void CheckPlace(string path, string target, IEnumerable<string> inputs)
    {
        if (RealPath.IsLink(target))
        {
            throw new OutputPathException(path, "is a symbolic link; give the directory it points to, or a new directory");
        }

        if (File.Exists(target))
        {
            throw new OutputPathException(path, "is a file; give a directory path");
        }

        if (PathAncestors.FirstFile(target) is { } file)
        {
            throw new OutputPathException(path, $"cannot be created: {file} is a file, not a directory");
        }

        if (System.IO.Path.GetDirectoryName(target) is null)
        {
            throw new OutputPathException(path, "is the root directory; give a directory of its own");
        }

        // Compared as real paths, so an input or the current directory reached through a link is still seen.
        string real = RealPath.Of(target);
        string? cwd = CurrentDirectory() is { } current ? RealPath.Of(current) : null;
        if (cwd is not null && RealPath.IsSameOrInside(cwd, real))
        {
            throw new OutputPathException(path, cwd == real
                ? "is the current directory; give a new directory for the output"
                : "contains the current directory; give a new directory for the output");
        }

        foreach (string input in inputs)
        {
            string full = RealPath.Of(input);
            if (RealPath.IsSameOrInside(full, real))
            {
                throw new OutputPathException(path, full == real
                    ? "is also an input of this run; give another directory for the output"
                    : $"holds an input of this run ({input}); give another directory for the output");
            }

            // Inside an input directory (an assignment, a model), the output would become a file
            // that directory's owner did not write, and baco would then refuse to replace it.
            if (RealPath.IsSameOrInside(real, full) && Directory.Exists(full))
            {
                throw new OutputPathException(path, $"is inside an input directory of this run ({input}); give a directory outside it");
            }
        }
    }

    private static void CheckReplaceable(string path, string target, string what)
    {
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
        {
            return;
        }

        var (listed, writtenBy, _) = OutputMarker.Read(target)
            ?? throw new OutputPathException(path, $"exists and is not a directory written by baco (it has no valid {MarkerFile} file); refusing to replace it: choose a new directory");

        // Another command's output (a trained model, a benchmark) may have cost hours: only a rerun of the same command replaces it.
        if (writtenBy != what)
        {
            throw new OutputPathException(path, $"holds the output of {(writtenBy.Length > 0 ? $"'{writtenBy}'" : "another baco command")}, which '{what}' does not replace: choose a new directory, or delete it first");
        }

        // Baco writes only plain files there: a listed name that is now a directory or a link was put there since.
        var added = new DirectoryInfo(target).EnumerateFileSystemInfos()
            .Where(e => !listed.Contains(e.Name) || e is not FileInfo || e.LinkTarget is not null)
            .Select(e => e.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (added.Count > 0)
        {
            throw new OutputPathException(path, $"holds files baco did not write ({string.Join(", ", added.Take(3))}{(added.Count > 3 ? $" and {added.Count - 3} more" : string.Empty)}); refusing to replace it: move them or choose a new directory");
        }
    }

    // Replacing needs more than creating a sibling (an immutable or foreign-owned directory cannot be moved): try it now, not after the work.
    private static void ProbeReplace(string path, string target)
    {
        if (!Directory.Exists(target))
        {
            return;
        }

        string aside = $"{target}.old-{Tag()}";
        try
        {
            Directory.Move(target, aside);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A mount point (a container's volume) cannot be renamed: an output is written
            // whole beside the old one and then swapped in, so it needs a folder inside.
            string hint = e is IOException && e.Message.Contains("busy", StringComparison.OrdinalIgnoreCase)
                ? " (it is in use, or a mount point such as a container volume, which cannot be renamed); give a new folder inside it, e.g. " + System.IO.Path.Combine(path, "out")
                : string.Empty;
            throw new OutputPathException(path, $"cannot be replaced: {IoFailure.Reason(e)}{hint}", e);
        }

        Directory.Move(aside, target);
    }

    // The current directory may have been deleted under us; then nothing can be inside it.
    private static string? CurrentDirectory()
    {
        try
        {
            return System.IO.Path.TrimEndingDirectorySeparator(Directory.GetCurrentDirectory());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes work directories of runs that are no longer alive and moved-aside old outputs; an
    /// old output with no directory in its place (a kill between the two renames) is restored.
    /// </summary>
    private static void CleanUpSiblings(string target)
    {
        string parent = System.IO.Path.GetDirectoryName(target)!;
        string name = System.IO.Path.GetFileName(target);
        if (!Directory.Exists(parent))
        {
            return;
        }

        string[] siblings;
        try
        {
            siblings = Directory.GetDirectories(parent, name + ".*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string sibling in siblings.Order(StringComparer.Ordinal))
        {
            // The pattern also matches the directory itself ("out.*" matches "out" under .NET's Win32 rules).
            string siblingName = System.IO.Path.GetFileName(sibling);
            if (siblingName.Length <= name.Length + 1 || !siblingName.StartsWith(name + ".", StringComparison.Ordinal))
            {
                continue;
            }

            string suffix = siblingName[(name.Length + 1)..];
            if (suffix.StartsWith("old-", StringComparison.Ordinal) && IsTag(suffix[4..]))
            {
                if (!Directory.Exists(target) && IsBacoOutput(sibling))
                {
                    TryMove(sibling, target);
                }
                else if (!OwnerAlive(suffix[4..]))
                {
                    TryDelete(sibling);
                }
            }
            else if (suffix.StartsWith("tmp-", StringComparison.Ordinal) && IsTag(suffix[4..]) && !OwnerAlive(suffix[4..]))
            {
                TryDelete(sibling);
            }
        }
    }

    private static void CreateWork(string path, string work) => Guard(path, () =>
    {
        Directory.CreateDirectory(work);

        // Creating a directory can succeed where writing a file fails (a full disk, quotas, /proc).
        string probe = System.IO.Path.Combine(work, ".probe");
        File.WriteAllText(probe, "probe");
        File.Delete(probe);
        return 0;
    });

    // "<pid>-<12 hex digits>": the owner's process id lets a later run tell a live run's work from a killed one's.
    private static string Tag() => $"{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    private static bool IsTag(string s)
    {
        int dash = s.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(s.AsSpan(0, dash), out _) && s.Length - dash - 1 == 12
            && s[(dash + 1)..].All(char.IsAsciiHexDigitLower);
    }

    private static bool OwnerAlive(string tag)
    {
        int pid = int.Parse(tag.AsSpan(0, tag.IndexOf('-', StringComparison.Ordinal)));
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private void Guard(Action action) => Guard(Path, () =>
    {
        action();
        return 0;
    });

    private static T Guard<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(path, e);
        }
    }

    private OutputPathException Failure(Exception e) => Failure(Path, e);

    private static OutputPathException Failure(string path, Exception e)
        => new(path, "cannot be written: " + IoFailure.Reason(e), e);

    private static void TryMove(string from, string to)
    {
        try
        {
            Directory.Move(from, to);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run; the new output is written beside it either way.
        }
    }

    // False when dir is still there: a leftover work or old directory is harmless, and the next run that writes here tries again.
    // A read-only output (its mode is carried over to the one that replaces it, so every rerun's
    // old copy would stay read-only too) is baco's own: when access is denied, its owner makes it
    // writable and tries once more.
    private static bool TryDelete(string dir)
        => DeleteOnce(dir, out bool denied) || (denied && !OperatingSystem.IsWindows() && MakeWritable(dir) && DeleteOnce(dir, out _));

    private static bool DeleteOnce(string dir, out bool denied)
    {
        denied = false;
        try
        {
            Directory.Delete(dir, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            denied = e is UnauthorizedAccessException;
            return !Directory.Exists(dir);
        }
    }

    // Gives the owner write and search permission on dir and the directories under it; false when nothing could be changed.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool MakeWritable(string dir)
    {
        try
        {
            // Links are skipped: what they point to is not part of the output.
            var below = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
            foreach (string d in Directory.EnumerateDirectories(dir, "*", below).Prepend(dir).ToList())
            {
                File.SetUnixFileMode(d, File.GetUnixFileMode(d) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
