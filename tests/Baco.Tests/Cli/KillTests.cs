using System.Diagnostics;
using System.Text.Json.Nodes;
using Baco.Assignment;
using Baco.Models;
using Baco.Training;

namespace Baco.Tests.Cli;

/// <summary>
/// The real CLI killed (SIGKILL) at seeded random points of compress, train --checkpoint and
/// bench --checkpoint: the output directory is always absent or complete, checkpoints are always
/// intact, and running the command again gives the outputs of an uninterrupted run. Also Ctrl+C and
/// SIGTERM: checkpoint, exit 130, resume. Run alone with --filter Category=Fault.
/// </summary>
[Trait("Category", "Fault")]
public sealed class KillTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private readonly string _train;
    private readonly string _test;

    public KillTests()
    {
        // 200 users x 10 items of 60, in four taste blocks: a second or so of work per command.
        var rnd = new Random(1);
        var lines = new List<string> { "user\titem" };
        for (int u = 0; u < 200; u++)
        {
            var items = new SortedSet<int>();
            while (items.Count < 10)
            {
                items.Add(rnd.NextDouble() < 0.8 ? ((u % 4) * 15) + rnd.Next(15) : rnd.Next(60));
            }

            lines.AddRange(items.Select(i => $"p{u}\ts{i}"));
        }

        _train = _tmp.File("train.tsv", string.Join('\n', lines) + "\n");
        _test = _tmp.File("test.tsv", "user\titem\np1\ts3\np2\ts40\np7\ts50\n");
    }

    public void Dispose() => _tmp.Dispose();

    private string[] Command(string kind, string outDir, string checkpoint) => kind switch
    {
        "compress" => ["compress", "--train", _train, "--gamma", "0.5", "--dim", "8", "--out", outDir],
        "train" => ["train", "--train", _train, "--test", _test, "--method", "baco", "--gamma", "0.5", "--dim", "8", "--epochs", "30", "--eval-every", "1",
            "--checkpoint", checkpoint, "--out", outDir],
        "bench" => ["bench", "--train", _train, "--test", _test, "--methods", "baco,random", "--budget", "0.5", "--model", "mf", "--dim", "8", "--epochs", "20",
            "--eval-every", "1", "--checkpoint", checkpoint, "--out", outDir],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Whether this process ignores the signal (Linux: /proc/self/status SigIgn); children started from it inherit that.</summary>
    private static bool IgnoredHere(int signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }

    private static string[] Checkpoints(string kind, string checkpoint) => kind switch
    {
        "train" => [checkpoint],
        "bench" => [CheckpointFile.ForMethod(checkpoint, "baco"), CheckpointFile.ForMethod(checkpoint, "random")],
        _ => [],
    };

    [Fact]
    public void KilledAtRandomPointsOutputsStayWholeAndARerunMatchesAnUninterruptedRun()
    {
        string[] kinds = ["compress", "train", "bench"];

        // Uninterrupted references, and how long each works after its first progress line.
        var work = new Dictionary<string, TimeSpan>();
        foreach (string kind in kinds)
        {
            using var p = CliProcess.Start(_tmp.Path, Command(kind, _tmp[$"ref-{kind}"], _tmp[$"ref-{kind}.ck"]));
            p.WaitUntilWorking();
            var clock = Stopwatch.StartNew();
            Assert.True(p.WaitForExit() == 0, p.Stderr);
            work[kind] = clock.Elapsed;
        }

        // Seven kills of each command, at seeded points of its work; a run that finishes first is checked too.
        var rng = new Random(20260101);
        var kills = kinds.ToDictionary(k => k, _ => 0);
        for (int attempt = 0; kills.Values.Any(n => n < 7) && attempt < 120; attempt++)
        {
            string kind = kinds[attempt % kinds.Length];
            if (kills[kind] >= 7)
            {
                continue;
            }

            string outDir = _tmp[$"out-{kind}"], checkpoint = _tmp[$"out-{kind}.ck"];

            // Sometimes from scratch, otherwise over what earlier (killed or complete) runs left.
            if (rng.NextDouble() < 0.3)
            {
                DeleteOutputs(outDir, Checkpoints(kind, checkpoint));
            }

            var delay = work[kind] * (rng.NextDouble() * 0.9);
            using (var p = CliProcess.Start(_tmp.Path, Command(kind, outDir, checkpoint)))
            {
                p.WaitUntilWorking();
                if (p.KillAfter(delay))
                {
                    kills[kind]++;
                }
                else
                {
                    Assert.True(p.WaitForExit() == 0, p.Stderr);
                }
            }

            AssertAbsentOrComplete(kind, outDir);
            foreach (string ck in Checkpoints(kind, checkpoint).Where(File.Exists))
            {
                CheckpointFile.EnsureUsable(ck); // intact: header, length and checksum
            }
        }

        Assert.All(kills, k => Assert.True(k.Value >= 7, $"{k.Key} was killed only {k.Value} times before it finished"));

        // Finishing each command gives what an uninterrupted run gave.
        foreach (string kind in kinds)
        {
            string outDir = _tmp[$"out-{kind}"];
            var (code, stderr) = CliProcess.Run(_tmp.Path, Command(kind, outDir, _tmp[$"out-{kind}.ck"]));
            Assert.True(code == 0, stderr);
            AssertSameOutput(_tmp[$"ref-{kind}"], outDir);
            AssertNoStaleSiblings(outDir);
        }

        // A checkpoint write cut short is removed by the next run on that checkpoint.
        Assert.Empty(Directory.EnumerateFiles(_tmp.Path, "*.ck*.tmp"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    public void ASignalWritesTheCheckpointExits130AndTheSameCommandResumesToTheSameModel(int signal)
    {
        SkipUnlessSignalsReachTheCli(signal);
        string ck = _tmp["ck.bin"];
        string[] Train(string outDir) => ["train", "--train", _train, "--test", _test, "--method", "full", "--model", "mf", "--dim", "8", "--epochs", "200",
            "--eval-every", "5", "--checkpoint", ck, "--out", outDir];

        using (var p = CliProcess.Start(_tmp.Path, Train(_tmp["m"])))
        {
            Assert.True(p.WaitForLine("epoch 3 loss"), p.Stderr);
            p.Signal(signal);
            Assert.True(p.WaitForExit() == 130, p.Stderr);
            Assert.Contains("stopping at the next safe point", p.Stderr);
            Assert.Matches($@"interrupted at epoch \d+; checkpoint written to {ck}; run the same command to resume", p.Stderr);

            // Epochs take milliseconds here: the signal may land after the first validation, whose model is then kept, and the rerun replaces it.
            Assert.Equal(p.Stderr.Contains("was saved to", StringComparison.Ordinal), Directory.Exists(_tmp["m"]));
        }

        var (code, stderr) = CliProcess.Run(_tmp.Path, Train(_tmp["m"]));
        Assert.True(code == 0, stderr);
        Assert.Matches($@"resuming from epoch \d+ of {ck}", stderr);

        File.Delete(ck);
        var reference = CliProcess.Run(_tmp.Path, Train(_tmp["ref"]));
        Assert.True(reference.Code == 0, reference.Stderr);
        AssertSameOutput(_tmp["ref"], _tmp["m"]);
    }

    /// <summary>
    /// Without a checkpoint, a signal after a validation still keeps what was learnt: the best
    /// validated model is saved to --out (metrics.json says after how many epochs it was
    /// interrupted), and the run exits 130.
    /// </summary>
    [Fact]
    public void ASignalAfterAValidationSavesTheBestModelSoFar()
    {
        SkipUnlessSignalsReachTheCli(15);
        string outDir = _tmp["kept"];
        string stderr = TerminatedAfter("validation after epoch 2", ["train", "--train", _train, "--test", _test, "--method", "full", "--model", "mf", "--dim", "8", "--epochs", "500",
            "--eval-every", "2", "--out", outDir]);
        Assert.Matches(@"the best validated model so far \(epoch \d+ of the \d+ completed\) was saved to ", stderr);
        var metrics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")))!;
        int completed = (int)metrics["interrupted_after_epoch"]!;
        Assert.InRange((int)metrics["best_epoch"]!, 2, completed);
        Assert.Equal(0, (int)metrics["best_epoch"]! % 2);
        Assert.True(File.Exists(Path.Combine(outDir, "user_codebook.npy")));
        Assert.Equal(0, CliRunner.Run("recommend", "--model", outDir, "--user", "p1", "-k", "3").Code);

        // A finished model in --out is never replaced by an interrupted rerun: what it kept goes beside it.
        string[] Train(string epochs, string lr) => ["train", "--train", _train, "--test", _test, "--method", "full", "--model", "mf", "--dim", "8", "--epochs", epochs, "--lr", lr, "--eval-every", "2", "--out", outDir];
        var (code, err) = CliProcess.Run(_tmp.Path, Train("4", "0.001"));
        Assert.True(code == 0, err);
        string before = File.ReadAllText(Path.Combine(outDir, "metrics.json"));
        string rerun = TerminatedAfter("validation after epoch 2", Train("100000", "0.0001"));
        Assert.Equal(before, File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        Assert.Contains("holds a finished output, which a run that did not finish does not replace", rerun, StringComparison.Ordinal);
        Assert.Contains("interrupted_after_epoch", File.ReadAllText(Path.Combine(outDir + ".interrupted", "metrics.json")), StringComparison.Ordinal);

        // When OUT.interrupted holds the user's own file, what the run kept goes to OUT.interrupted-2 (it was lost, exit 2).
        string mine = Path.Combine(outDir + ".interrupted", "notes.txt");
        File.WriteAllText(mine, "mine");
        string third = TerminatedAfter("validation after epoch 2", Train("100000", "0.0001"));
        Assert.Equal("mine", File.ReadAllText(mine));
        Assert.Contains($"what this run kept goes to {outDir}.interrupted-2", third, StringComparison.Ordinal);
        Assert.Contains("interrupted_after_epoch", File.ReadAllText(Path.Combine(outDir + ".interrupted-2", "metrics.json")), StringComparison.Ordinal);

        // A finished output under the next name is not replaced either: OUT.interrupted-3.
        (code, err) = CliProcess.Run(_tmp.Path, [.. Train("4", "0.001")[..^1], outDir + ".interrupted-2"]);
        Assert.True(code == 0, err);
        string fourth = TerminatedAfter("validation after epoch 2", Train("100000", "0.0001"));
        Assert.Contains($"what this run kept goes to {outDir}.interrupted-3", fourth, StringComparison.Ordinal);
        Assert.DoesNotContain("interrupted_after_epoch", File.ReadAllText(Path.Combine(outDir + ".interrupted-2", "metrics.json")), StringComparison.Ordinal);
        Assert.Contains("interrupted_after_epoch", File.ReadAllText(Path.Combine(outDir + ".interrupted-3", "metrics.json")), StringComparison.Ordinal);
    }

    /// <summary>A signal during bench's second method still writes the report of the first, marked partial, and exits 130.</summary>
    [Fact]
    public void ASignalDuringBenchWritesTheMethodsItFinished()
    {
        SkipUnlessSignalsReachTheCli(15);
        string outDir = _tmp["bench"];
        TerminatedAfter("random: compressing", ["bench", "--train", _train, "--test", _test, "--methods", "full,random", "--budget", "0.5", "--model", "mf", "--dim", "8",
            "--epochs", "100000", "--eval-every", "2", "--patience", "4", "--out", outDir]);
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("**The comparison was interrupted**: 1 of 2 methods finished", report, StringComparison.Ordinal);
        Assert.Contains("| full |", report, StringComparison.Ordinal);
        Assert.Matches(@"\| random \|.*(interrupted|not run)", report);
    }

    /// <summary>
    /// compress listens too: a signal during the budget search lets the search finish, writes
    /// nothing and exits 130, leaving no work directory (before: exit 143 on SIGTERM, and a
    /// `.tmp-*` sibling until the next run).
    /// </summary>
    [Fact]
    public void ASignalDuringCompressWritesNothingAndExits130()
    {
        SkipUnlessSignalsReachTheCli(15);

        // Large enough that reading and the budget search outlast the signal's delivery by far (half a second).
        var random = new Random(9);
        string big = _tmp.File("big.tsv", string.Concat(Enumerable.Range(0, 200_000).Select(_ => $"user_{random.Next(20_000)}\titem_{random.Next(10_000)}\n")));
        string outDir = _tmp["compressed"];
        string stderr = TerminatedAfter("reading", ["compress", "--train", big, "--budget", "0.5", "--out", outDir]);
        Assert.Contains("stopping once the step in progress ends, writing nothing", stderr, StringComparison.Ordinal);
        Assert.Contains("baco: cancelled", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tmp.Path, "compressed*"));
    }

    private static void SkipUnlessSignalsReachTheCli(int signal)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "POSIX signals");
        Assert.SkipWhen(IgnoredHere(signal), $"signal {signal} is ignored in this test process (a shell's background job ignores SIGINT), and the CLI would inherit that");
    }

    /// <summary>Runs the CLI until it prints <paramref name="line"/>, sends SIGTERM, checks that it exits 130, and returns its stderr.</summary>
    private string TerminatedAfter(string line, string[] args)
    {
        using var p = CliProcess.Start(_tmp.Path, args);
        Assert.True(p.WaitForLine(line), p.Stderr);
        p.Signal(15);
        Assert.True(p.WaitForExit() == 130, p.Stderr);
        return p.Stderr;
    }

    /// <summary>A killed run leaves no output, the previous complete one, or its own complete one; all complete ones equal the reference.</summary>
    private void AssertAbsentOrComplete(string kind, string outDir)
    {
        if (!Directory.Exists(outDir))
        {
            return;
        }

        switch (kind)
        {
            case "compress":
                AssignmentStore.Load(outDir);
                break;
            case "train":
                ModelStore.Load(outDir);
                break;
            default:
                Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "results.json"))));
                break;
        }

        AssertSameOutput(_tmp[$"ref-{kind}"], outDir);
    }

    /// <summary>Same files; JSON equal but for timings; images and the Markdown report (which shows timings) only present.</summary>
    private static void AssertSameOutput(string expectedDir, string actualDir)
    {
        static string[] Names(string dir) => [.. Directory.EnumerateFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(Names(expectedDir), Names(actualDir));
        foreach (string name in Names(expectedDir))
        {
            string expected = Path.Combine(expectedDir, name), actual = Path.Combine(actualDir, name);
            if (name == ".baco-output")
            {
                // Its digests of files with timings differ as those files do; the others must match.
                Assert.Equal(DigestsOfExactFiles(expected), DigestsOfExactFiles(actual));
                continue;
            }

            switch (Path.GetExtension(name))
            {
                case ".json":
                    Assert.Equal(WithoutTimings(expected), WithoutTimings(actual));
                    break;
                case ".png" or ".md":
                    break;
                default:
                    Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual)), $"{actual} differs from {expected}");
                    break;
            }
        }
    }

    private static string DigestsOfExactFiles(string marker)
    {
        var json = JsonNode.Parse(File.ReadAllText(marker))!.AsObject();
        var digests = json["sha256"]!.AsObject();
        foreach (string timed in digests.Select(d => d.Key).Where(n => Path.GetExtension(n) is ".json" or ".png" or ".md").ToList())
        {
            digests.Remove(timed);
        }

        return json.ToJsonString();
    }

    private static string WithoutTimings(string jsonFile)
    {
        static void Strip(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                foreach (string key in o.Select(p => p.Key).Where(k => k == "seconds" || k.EndsWith("_seconds", StringComparison.Ordinal)).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, child) in o)
                {
                    Strip(child);
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a)
                {
                    Strip(child);
                }
            }
        }

        var root = JsonNode.Parse(File.ReadAllText(jsonFile));
        Strip(root);
        return root!.ToJsonString();
    }

    private static void DeleteOutputs(string outDir, string[] checkpoints)
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        foreach (string ck in checkpoints)
        {
            File.Delete(ck);
        }
    }

    private static void AssertNoStaleSiblings(string outDir)
    {
        string parent = Path.GetDirectoryName(outDir)!, name = Path.GetFileName(outDir);
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent, name + ".tmp-*").Concat(Directory.EnumerateFileSystemEntries(parent, name + ".old-*")));
    }
}
