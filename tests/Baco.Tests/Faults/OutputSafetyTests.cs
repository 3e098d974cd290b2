using Baco.IO;
using Baco.Tests.Cli;

namespace Baco.Tests.Faults;

/// <summary>
/// Nothing the user gave is ever overwritten, moved or deleted: each refusal exits 2 with one
/// line naming --out, and the file system is byte-identical afterwards.
/// </summary>
[Trait("Category", "Fault")]
public sealed class OutputSafetyTests : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void ADirectoryHoldingAnInputIsNeverReplaced()
    {
        string data = Directory.CreateDirectory(_tmp["mydata"]).FullName;
        string train = Path.Combine(data, "train.tsv");
        File.WriteAllText(train, CliRunner.SmallEdges());
        File.WriteAllText(Path.Combine(data, "summary.json"), "{}");
        var before = FileTree.Snapshot(_tmp.Path);

        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--out", data);

        Assert.Equal(2, code);
        Assert.Equal($"baco: error: '--out': {data}: holds an input of this run ({train}); give another directory for the output", OneLine(err));
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
    }

    [Fact]
    public void ADirectoryWithBacoFileNamesButNoMarkerIsNeverReplaced()
    {
        string trap = Directory.CreateDirectory(_tmp["trap"]).FullName;
        File.WriteAllText(Path.Combine(trap, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(trap, "metrics.json"), "{}");
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        var before = FileTree.Snapshot(_tmp.Path);

        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--out", trap);

        Assert.Equal(2, code);
        Assert.Contains("'--out'", OneLine(err), StringComparison.Ordinal);
        Assert.Contains("is not a directory written by baco", err, StringComparison.Ordinal);
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
    }

    [Fact]
    public void AnEmptyFolderMadeForTheOutputKeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = Directory.CreateDirectory(_tmp["private"]).FullName;
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(outDir, mode);
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);
        Assert.True(OutputDirectory.IsBacoOutput(outDir));
        Assert.Equal(mode, File.GetUnixFileMode(outDir));
    }

    /// <summary>
    /// A read-only output passes its mode to the output that replaces it; the old copy, moved
    /// aside, must still be deleted (for its owner, not only for root), or every rerun leaves one.
    /// </summary>
    [Fact]
    public void RerunsIntoAReadOnlyOutputLeaveNoOldCopies()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = Directory.CreateDirectory(_tmp["readonly"]).FullName;
        var readOnly = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(outDir, readOnly);
        for (int run = 0; run < 3; run++)
        {
            var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir);
            Assert.True(code == 0, err);
        }

        Assert.Equal(readOnly, File.GetUnixFileMode(outDir));
        Assert.Equal(["readonly"], Directory.GetDirectories(_tmp.Path).Select(Path.GetFileName).Where(n => n!.StartsWith("readonly", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The output of an interrupted run (Partial) goes into a new, empty or partial directory, and
    /// replaces nothing finished: a finished output is refused before anything moves, while a
    /// finished run replaces a partial one as usual.
    /// </summary>
    [Fact]
    public void APartialOutputNeverReplacesAFinishedOne()
    {
        string dir = _tmp["out"];
        void Write(bool partial, string text)
        {
            using var o = OutputDirectory.Prepare(dir, "baco train");
            o.Partial = partial;
            o.Complete(work => File.WriteAllText(Path.Combine(work, "metrics.json"), text));
        }

        Write(partial: true, "partial 1");
        Write(partial: true, "partial 2");
        Assert.Equal("partial 2", File.ReadAllText(Path.Combine(dir, "metrics.json")));
        Write(partial: false, "finished");

        using (var o = OutputDirectory.Prepare(dir, "baco train"))
        {
            Assert.True(o.HoldsFinishedOutput);
            o.Partial = true;
            var e = Assert.Throws<OutputPathException>(() => o.Complete(work => File.WriteAllText(Path.Combine(work, "metrics.json"), "partial 3")));
            Assert.Contains("holds a finished output", e.Reason, StringComparison.Ordinal);
        }

        Assert.Equal("finished", File.ReadAllText(Path.Combine(dir, "metrics.json")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_tmp.Path).Select(Path.GetFileName).Where(n => n!.StartsWith("out", StringComparison.Ordinal)));
        Write(partial: false, "finished again");
        Assert.Equal("finished again", File.ReadAllText(Path.Combine(dir, "metrics.json")));
    }

    [Fact]
    public void ItsOwnOutputIsReplacedButNotOnceTheMarkerIsGone()
    {
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = _tmp["out"];
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);
        Assert.True(OutputDirectory.IsBacoOutput(outDir));
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "hash", "--out", outDir).Code);
        Assert.Contains("\"hash\"", File.ReadAllText(Path.Combine(outDir, "assignment.json")), StringComparison.Ordinal);

        File.Delete(Path.Combine(outDir, OutputDirectory.MarkerFile));
        var before = FileTree.Snapshot(_tmp.Path);
        Assert.Equal(2, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
    }

    [Fact]
    public void AnotherCommandsOutputIsNotReplaced()
    {
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string model = _tmp["model"];
        OutputDirectory.Write(model, "baco train", work => File.WriteAllText(Path.Combine(work, "metrics.json"), "{}"));
        var before = FileTree.Snapshot(_tmp.Path);

        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--out", model);

        Assert.Equal(2, code);
        Assert.Equal($"baco: error: '--out': {model}: holds the output of 'baco train', which 'baco compress' does not replace: choose a new directory, or delete it first", OneLine(err));
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
    }

    [Theory]
    [InlineData(".", "is the current directory")]
    [InlineData("..", "contains the current directory")]
    public void TheCurrentDirectoryAndItsParentsAreNeverReplaced(string outArg, string reason)
    {
        // An empty working directory inside a folder baco wrote: only the rule itself can refuse.
        string parent = _tmp["parent"];
        OutputDirectory.Write(parent, "test", work => File.WriteAllText(Path.Combine(work, "keep.txt"), "keep"));
        string cwd = Directory.CreateDirectory(Path.Combine(parent, "empty")).FullName;
        var before = FileTree.Snapshot(_tmp.Path);

        var (code, err) = CliProcess.Run(cwd, "compress", "--method", "random", "--out", outArg);

        Assert.Equal(2, code);
        Assert.Equal($"baco: error: '--out': {outArg}: {reason}; give a new directory for the output", OneLine(err));
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
    }

    [Fact]
    public void AVanishedWorkingDirectoryIsReportedNotThrown()
    {
        string cwd = Directory.CreateDirectory(_tmp["gone"]).FullName;
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"cd '{cwd}' && rmdir '{cwd}' && exec dotnet '{Path.Combine(AppContext.BaseDirectory, "Baco.Cli.dll")}' compress --method random --out x");
        using var process = System.Diagnostics.Process.Start(start)!;
        string err = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("baco: error: '--out': x: is relative, but the current directory no longer exists; give an absolute path or change directory", OneLine(err));
    }

    [Fact]
    public void AFileOnTheWayIsBadInputNotABug()
    {
        string file = _tmp.File("afile", "x");
        var (code, _, err) = CliRunner.Run("compress", "--method", "random", "--out", Path.Combine(file, "sub"));
        Assert.Equal(2, code);
        Assert.Equal($"baco: error: '--out': {Path.Combine(file, "sub")}: cannot be created: {file} is a file, not a directory", OneLine(err));

        (code, _, err) = CliRunner.Run("compress", "--method", "random", "--out", file);
        Assert.Equal(2, code);
        Assert.EndsWith("is a file; give a directory path", OneLine(err), StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void AnOverlongOutIsBadInputWithAReadableMessage()
    {
        string name = _tmp[new string('a', 5000)];
        var (code, _, err) = CliRunner.Run("compress", "--method", "random", "--out", name);
        Assert.Equal(2, code);
        string line = OneLine(err);
        Assert.StartsWith("baco: error: '--out': ", line, StringComparison.Ordinal);
        Assert.EndsWith(" characters): cannot be written: the path or a name in it is too long", line, StringComparison.Ordinal);
        Assert.True(line.Length < 300, line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tmp.Path));
    }

    [Fact]
    public void AnUnwritableOutFailsBeforeAnyWork()
    {
        // /proc refuses new directories even to root: the check must come before reading or training.
        var (code, _, err) = CliRunner.Run("train", "--method", "random", "--out", "/proc/baco-model");
        Assert.Equal(2, code);
        Assert.StartsWith("baco: error: '--out': /proc/baco-model: cannot be written", OneLine(err), StringComparison.Ordinal);
        Assert.DoesNotContain("built-in", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingParentCreatedForAFailedRunIsRemovedAgain()
    {
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        var before = FileTree.Snapshot(_tmp.Path);

        // One row cannot hold the users: the run fails after the output was reserved.
        var (code, _, _) = CliRunner.Run("compress", "--train", train, "--budget-rows", "1", "--dim", "4", "--out", _tmp["new/deeper/out"]);

        Assert.Equal(2, code);
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
    }

    [Fact]
    public void WhatAKilledRunLeftBesideTheOutputIsCleanedUpByTheNextRun()
    {
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = _tmp["out"];
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);

        // A dead process's work and moved-aside directories, and a live run's work directory.
        int dead = DeadProcessId();
        Directory.CreateDirectory($"{outDir}.tmp-{dead}-0123456789ab");
        OutputDirectory.Write($"{outDir}.old-{dead}-0123456789ab", "test", _ => { });
        Directory.CreateDirectory($"{outDir}.tmp-{Environment.ProcessId}-aaaaaaaaaaaa");

        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);

        Assert.Equal(
            [Path.GetFileName(outDir), $"out.tmp-{Environment.ProcessId}-aaaaaaaaaaaa"],
            Directory.GetDirectories(_tmp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnOutputMovedAsideByAKillBetweenTheTwoRenamesIsRestored()
    {
        string outDir = _tmp["out"];
        OutputDirectory.Write(outDir, "test", work => File.WriteAllText(Path.Combine(work, "v.txt"), "1"));
        Directory.Move(outDir, $"{outDir}.old-{DeadProcessId()}-0123456789ab");

        // Preparing the same output restores the previous one; a run that then fails leaves it in place.
        using (OutputDirectory.Prepare(outDir, "test"))
        {
        }

        Assert.Equal("1", File.ReadAllText(Path.Combine(outDir, "v.txt")));
        Assert.Equal([Path.GetFileName(outDir)], Directory.GetDirectories(_tmp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void SomethingWrittenIntoTheOutputDuringTheRunStopsThePublish()
    {
        string outDir = _tmp["out"];
        using var output = OutputDirectory.Prepare(outDir, "test");
        File.WriteAllText(Path.Combine(output.WorkPath, "result.txt"), "new");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "theirs.txt"), "theirs");

        var e = Assert.Throws<OutputPathException>(output.Publish);
        Assert.Contains("not a directory written by baco", e.Reason, StringComparison.Ordinal);
        Assert.Equal("theirs", File.ReadAllText(Path.Combine(outDir, "theirs.txt")));
    }

    [Fact]
    public void WhenSavingFailsAfterTheWorkTheMetricsArePrintedAndTheErrorNamesOut()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new Baco.Cli.CliIO(output, error);
        string outDir = _tmp["model"];
        using var prepared = OutputDirectory.Prepare(outDir, "test");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "theirs.txt"), "theirs");
        var metrics = new System.Text.Json.Nodes.JsonObject { ["test"] = new System.Text.Json.Nodes.JsonObject { ["recall@20"] = 0.25 } };

        var e = Assert.Throws<Baco.Cli.CliError>(() => Baco.Cli.Commands.TrainCommand.Save(io, prepared, metrics, _ => { }));

        Assert.StartsWith($"'--out': {outDir}: exists and is not a directory written by baco", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("the metrics are printed above.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp-", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"recall@20\": 0.25", output.ToString(), StringComparison.Ordinal);

        // With a checkpoint of the run, the message says that the same command saves it without training again.
        string checkpoint = _tmp.File("ck.bin", "a checkpoint");
        e = Assert.Throws<Baco.Cli.CliError>(() => Baco.Cli.Commands.TrainCommand.Save(io, prepared, metrics, _ => { }, checkpoint: checkpoint));
        Assert.EndsWith($"the metrics are printed above. The checkpoint {checkpoint} holds the trained run: make room and run the same command again to save it without training again.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInputReachedThroughALinkIsStillAnInput()
    {
        // The training file lives inside an earlier output, and the command names it through a link.
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = _tmp["out"];
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);
        string hidden = Path.Combine(outDir, "data.tsv");
        File.Copy(train, hidden);
        File.CreateSymbolicLink(_tmp["link.tsv"], hidden);
        Directory.CreateSymbolicLink(_tmp["outlink"], outDir);
        var before = FileTree.Snapshot(_tmp.Path);

        var (code, _, err) = CliRunner.Run("compress", "--train", _tmp["link.tsv"], "--method", "random", "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("holds an input of this run", OneLine(err), StringComparison.Ordinal);

        // An assignment given through a link to the output directory itself.
        (code, _, err) = CliRunner.Run("train", "--train", train, "--test", train, "--assignment", _tmp["outlink"], "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("is also an input of this run", OneLine(err), StringComparison.Ordinal);
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
    }

    [Fact]
    public void ALinkAsOutIsRefusedAndKept()
    {
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", _tmp["real"]).Code);
        Directory.CreateSymbolicLink(_tmp["link"], _tmp["real"]);
        var before = FileTree.Snapshot(_tmp.Path);

        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--out", _tmp["link"]);

        Assert.Equal(2, code);
        Assert.Equal($"baco: error: '--out': {_tmp["link"]}: is a symbolic link; give the directory it points to, or a new directory", OneLine(err));
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
        Assert.NotNull(new DirectoryInfo(_tmp["link"]).LinkTarget);
    }

    [Fact]
    public void AFileTheUserAddedToAnOutputBlocksReplacingIt()
    {
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = _tmp["out"];
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);
        File.WriteAllText(Path.Combine(outDir, "NOTES.md"), "mine");
        Directory.CreateDirectory(Path.Combine(outDir, "mydata"));
        var before = FileTree.Snapshot(_tmp.Path);

        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir);

        Assert.Equal(2, code);
        Assert.Equal($"baco: error: '--out': {outDir}: holds files baco did not write (NOTES.md, mydata); refusing to replace it: move them or choose a new directory", OneLine(err));
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));
    }

    [Fact]
    public void AListedNameThatBecameADirectoryOrALinkBlocksReplacingIt()
    {
        // The marker lists summary.json and users.tsv; the user replaced one with a folder of
        // their own files and the other with a link: neither is baco's file any more.
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = _tmp["out"];
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);
        string summary = Path.Combine(outDir, "summary.json");
        File.Delete(summary);
        Directory.CreateDirectory(summary);
        File.WriteAllText(Path.Combine(summary, "mine.txt"), "mine");
        var before = FileTree.Snapshot(_tmp.Path);

        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir);

        Assert.Equal(2, code);
        Assert.Equal($"baco: error: '--out': {outDir}: holds files baco did not write (summary.json); refusing to replace it: move them or choose a new directory", OneLine(err));
        Assert.Equal(before, FileTree.Snapshot(_tmp.Path));

        Directory.Delete(summary, recursive: true);
        File.CreateSymbolicLink(summary, train);
        (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("holds files baco did not write (summary.json)", OneLine(err));
        Assert.True(File.Exists(train));
    }

    [Fact]
    public void AnOutputThatCannotBeMovedFailsBeforeAnyWork()
    {
        string train = _tmp.File("train.tsv", CliRunner.SmallEdges());
        string outDir = _tmp["out"];
        Assert.Equal(0, CliRunner.Run("compress", "--train", train, "--method", "random", "--out", outDir).Code);
        if (!Chattr("+i", outDir))
        {
            Assert.Skip("chattr +i is not available on this file system");
        }

        try
        {
            var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "hash", "--out", outDir);
            Assert.Equal(2, code);
            Assert.Equal($"baco: error: '--out': {outDir}: cannot be replaced: permission denied", OneLine(err));
        }
        finally
        {
            Chattr("-i", outDir);
        }
    }

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The only line of stderr that is not progress.</summary>
    internal static string OneLine(string stderr)
        => Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith('['));

    private static int DeadProcessId()
    {
        // A process that has exited: its id is free until the system reuses it.
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true"))!;
        p.WaitForExit();
        return p.Id;
    }
}
