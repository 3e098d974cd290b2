using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Baco.IO;

/// <summary>
/// An output directory that is validated and reserved before any work starts and published
/// atomically when the work is done: readers see either the previous directory or the complete
/// new one. Baco replaces an existing directory only when it is empty or carries the
/// <see cref="MarkerFile"/> that only Baco writes, and never the current directory, one of its
/// parents, or a directory holding one of the run's inputs. Files are written into
/// <see cref="WorkPath"/>, a sibling named <c>&lt;dir&gt;.tmp-&lt;pid&gt;-&lt;random&gt;</c>;
/// siblings left behind by a killed run are cleaned up the next time the same directory is prepared.
/// </summary>
public sealed class OutputDirectory : IDisposable
{
    /// <summary>The file that marks a directory as Baco's own output, safe to replace.</summary>
    public const string MarkerFile = ".baco-output";

    private const string MarkerFormat = "baco-output";
    private const int MarkerVersion = 1;

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
    /// <param name="inputs">Files and directories the run reads: the output may not contain or be one of them.</param>
    public static OutputDirectory Prepare(string path, string what, IEnumerable<string>? inputs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(what);
        string target = Resolve(path);
        CheckPlace(path, target, inputs ?? []);
        CheckReplaceable(path, target);
        CleanUpSiblings(target);
        var createdParents = MissingParents(target);
        string work = CreateWork(path, target);
        return new OutputDirectory(path, target, work, what, createdParents);
    }

    /// <summary>Writes <paramref name="writeFiles"/>'s files to <paramref name="path"/> atomically (prepare, write, publish).</summary>
    public static void Write(string path, string what, Action<string> writeFiles, IEnumerable<string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(writeFiles);
        using var output = Prepare(path, what, inputs);
        writeFiles(output.WorkPath);
        output.Publish();
    }

    /// <summary>True when <paramref name="dir"/> carries Baco's output marker.</summary>
    public static bool IsBacoOutput(string dir)
    {
        string marker = System.IO.Path.Combine(dir, MarkerFile);
        try
        {
            return File.Exists(marker) && JsonNode.Parse(File.ReadAllText(marker)) is JsonObject o
                && (string?)o["format"] == MarkerFormat;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Marks the work directory as Baco's output and moves it into place, replacing the previous output.</summary>
    public void Publish()
    {
        ObjectDisposedException.ThrowIf(_published, this);
        var marker = new JsonObject
        {
            ["format"] = MarkerFormat,
            ["version"] = MarkerVersion,
            ["written_by"] = _what,
            ["baco_version"] = typeof(OutputDirectory).Assembly.GetName().Version?.ToString(3),
        };
        Guard(() => File.WriteAllText(System.IO.Path.Combine(WorkPath, MarkerFile), marker.ToJsonString() + "\n"));

        // Someone may have put files there while we worked: check again before replacing.
        CheckReplaceable(Path, Target);
        if (!Directory.Exists(Target))
        {
            Guard(() => Directory.Move(WorkPath, Target));
            _published = true;
            return;
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
        TryDelete(old);
    }

    /// <summary>Deletes the work directory, and the parents created for it, unless it was published.</summary>
    public void Dispose()
    {
        if (!_published)
        {
            TryDelete(WorkPath);
            foreach (string parent in _createdParents)
            {
                TryDelete(parent, recursive: false);
            }

            _published = true;
        }
    }

    // The parents that do not exist yet, deepest first: a run that fails leaves none of them behind.
    private static List<string> MissingParents(string target)
    {
        var missing = new List<string>();
        for (string? up = System.IO.Path.GetDirectoryName(target); up is not null && !Directory.Exists(up); up = System.IO.Path.GetDirectoryName(up))
        {
            missing.Add(up);
        }

        return missing;
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
        if (File.Exists(target))
        {
            throw new OutputPathException(path, "is a file; give a directory path");
        }

        for (string? up = System.IO.Path.GetDirectoryName(target); up is not null; up = System.IO.Path.GetDirectoryName(up))
        {
            if (File.Exists(up))
            {
                throw new OutputPathException(path, $"cannot be created: {up} is a file, not a directory");
            }
        }

        if (System.IO.Path.GetDirectoryName(target) is null)
        {
            throw new OutputPathException(path, "is the root directory; give a directory of its own");
        }

        string? cwd = CurrentDirectory();
        if (cwd is not null && IsSameOrInside(cwd, target))
        {
            throw new OutputPathException(path, cwd == target
                ? "is the current directory; give a new directory for the output"
                : "contains the current directory; give a new directory for the output");
        }

        foreach (string input in inputs)
        {
            string full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(input));
            if (IsSameOrInside(full, target))
            {
                throw new OutputPathException(path, full == target
                    ? "is also an input of this run; give another directory for the output"
                    : $"holds an input of this run ({input}); give another directory for the output");
            }
        }
    }

    private static void CheckReplaceable(string path, string target)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !IsBacoOutput(target))
        {
            throw new OutputPathException(path, $"exists and is not a directory written by baco (it has no {MarkerFile} file); refusing to replace it: choose a new directory");
        }
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

    private static bool IsSameOrInside(string path, string dir)
        => path == dir || path.StartsWith(dir + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);

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

    private static string CreateWork(string path, string target)
    {
        string work = $"{target}.tmp-{Tag()}";
        return Guard(path, () =>
        {
            Directory.CreateDirectory(work);

            // Creating a directory can succeed where writing a file fails (a full disk, quotas).
            string probe = System.IO.Path.Combine(work, ".probe");
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
            return work;
        });
    }

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
    {
        string reason = e switch
        {
            UnauthorizedAccessException => "cannot be written: permission denied",
            PathTooLongException => "cannot be written: the path or a name in it is too long",
            IOException io when io.Message.Contains("too long", StringComparison.OrdinalIgnoreCase) => "cannot be written: the path or a name in it is too long",
            IOException io when io.Message.Contains("space", StringComparison.OrdinalIgnoreCase) => "cannot be written: no space left on the device",
            IOException io when io.Message.Contains("Read-only", StringComparison.OrdinalIgnoreCase) => "cannot be written: the file system is read-only",
            _ => "cannot be written: " + StripPaths(e.Message),
        };
        return new OutputPathException(path, reason, e);
    }

    // .NET's messages quote the temporary path ("... : '/a/out.tmp-1-ab'"); the user gave another one.
    private static string StripPaths(string message)
    {
        int quote = message.IndexOf(" : '", StringComparison.Ordinal);
        return (quote > 0 ? message[..quote] : message).TrimEnd('.');
    }

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

    private static void TryDelete(string dir, bool recursive = true)
    {
        try
        {
            Directory.Delete(dir, recursive);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover work or old directory is harmless; the next run that writes here removes it.
        }
    }
}
