using Baco.Codebooks;
using Baco.Data;
using Baco.Models;
using Baco.Tests.TestSupport;
using Baco.Training;

namespace Baco.Tests.Training;

/// <summary>Checkpoint files that cannot be resumed: each is a <see cref="CheckpointException"/> saying why, raised before any training.</summary>
[Trait("Category", "Fault")]
public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dataset _data = TinyData.RandomDataset(users: 20, items: 12, perUser: 5);

    public void Dispose() => _dir.Dispose();

    private static TrainingOptions Options(string path) => new()
    {
        Dim = 4,
        Epochs = 2,
        BatchSize = 32,
        LearningRate = 0.01f,
        EvalEvery = 1,
        Seed = 5,
        CheckpointPath = path,
    };

    private TrainingResult Train(TrainingOptions options, Dataset? data = null)
        => Trainer.Train(data ?? _data, CodebookAssignment.Full(_data.UserCount, _data.ItemCount), options, null, TestContext.Current.CancellationToken);

    private string Written()
    {
        string path = _dir["ck.bin"];
        Train(Options(path));
        Assert.True(File.Exists(path));
        return path;
    }

    private CheckpointException Refused(string path, TrainingOptions? options = null, Dataset? data = null)
    {
        var ex = Assert.Throws<CheckpointException>(() => Train(options ?? Options(path), data));
        Assert.Equal(path, ex.Path);
        Assert.StartsWith(path + ": ", ex.Message);
        return ex;
    }

    [Fact]
    public void ATruncatedCheckpointIsRefusedAndLeftAlone()
    {
        string path = Written();
        byte[] whole = File.ReadAllBytes(path);
        foreach (int keep in new[] { whole.Length - 1, whole.Length / 2, 20, 12, 5 })
        {
            File.WriteAllBytes(path, whole[..keep]);
            Assert.Matches("truncated.*; delete it to start over$", Refused(path).Message);
            Assert.Equal(keep, new FileInfo(path).Length);
        }
    }

    [Fact]
    public void AChangedByteIsCaughtByTheChecksum()
    {
        string path = Written();
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum", Refused(path).Message);

        // Bytes after the end the header declares.
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), 0]);
        Assert.Contains("damaged", Refused(path).Message);
    }

    [Fact]
    public void AnotherFileIsNotTakenForACheckpointNorOverwritten()
    {
        string path = _dir.File("ratings.tsv", "user\titem\n1\t2\n");
        Assert.Contains("not a Baco training checkpoint", Refused(path).Message);
        Assert.Equal("user\titem\n1\t2\n", File.ReadAllText(path));

        string empty = _dir.File("empty", string.Empty);
        Assert.Contains("truncated", Refused(empty).Message);
    }

    [Fact]
    public void AFormatOneCheckpointIsNamedAsOlder()
    {
        // BinaryWriter.Write("BACOCKP1"): a length byte, then the characters.
        string path = _dir.File("old.ckpt", [8, .. "BACOCKP1"u8, 1, 2, 3]);
        Assert.Contains("older Baco (checkpoint format 1)", Refused(path).Message);
    }

    [Fact]
    public void OtherSettingsAreNamedWithBothValues()
    {
        string path = Written();
        var ex = Refused(path, Options(path) with { LearningRate = 0.02f, Patience = 7 });
        Assert.Contains("written by a run with other settings or data", ex.Message);
        Assert.Contains("learning rate 0.01 there, 0.02 here", ex.Message);
        Assert.Contains("patience 50 there, 7 here", ex.Message);
        Assert.DoesNotContain("seed", ex.Message);

        // The epoch limit may change: the run continues from the checkpoint.
        Assert.Equal(3, Train(Options(path) with { Epochs = 3 }).EpochsRun);

        // But not to below the checkpoint's epoch, which would return the longer run; the file stays.
        long size = new FileInfo(path).Length;
        Assert.Contains("it was written at epoch 3, past this run's 2 epochs; give at least 3 epochs to continue it", Refused(path).Message);
        Assert.Equal(size, new FileInfo(path).Length);
        Assert.Equal(3, Train(Options(path) with { Epochs = 3 }).EpochsRun);
    }

    [Fact]
    public void AnotherCompressionMethodIsNamedAndOlderCheckpointsWithoutItStillResume()
    {
        string path = Written();
        var full = CodebookAssignment.Full(_data.UserCount, _data.ItemCount);
        var ex = Assert.Throws<CheckpointException>(() => Trainer.Train(_data, full with { Method = "random" }, Options(path), null, TestContext.Current.CancellationToken));
        Assert.Contains("(compression method full there, random here)", ex.Message);

        // A checkpoint written before the method was recorded has no such part: not a difference.
        var options = Options(path);
        var now = TrainingFingerprint.Of(options, full, _data.Train, _data.Validation);
        var before = new TrainingFingerprint([.. now.Parts.Where(p => p.Name != "compression method")]);
        Assert.Null(now.DifferencesFrom(before));
        Assert.Equal("compression method full there, random here", TrainingFingerprint.Of(options, full with { Method = "random" }, _data.Train, _data.Validation).DifferencesFrom(now));
    }

    [Theory]
    [InlineData(ModelKind.LightGcn, EmbeddingInit.Normal, PositiveSampling.ShuffledInteractions)]
    [InlineData(ModelKind.MatrixFactorization, EmbeddingInit.XavierUniform, PositiveSampling.UniformUsers)]
    public void AFingerprintWrittenWithMemberNamesReadsAsTheSameSettings(ModelKind model, EmbeddingInit init, PositiveSampling sampling)
    {
        var options = Options(_dir["unused"]) with { Model = model, Init = init, Sampling = sampling };
        var assignment = CodebookAssignment.Full(_data.UserCount, _data.ItemCount);
        var now = TrainingFingerprint.Of(options, assignment, _data.Train, null);

        // As checkpoints before the stable names wrote it: C# member names ("LightGcn", "Mean").
        var older = new TrainingFingerprint([.. now.Parts.Select(p => p.Name switch
        {
            "model" => (p.Name, model.ToString()),
            "positive sampling" => (p.Name, sampling.ToString()),
            "code combiner" => (p.Name, assignment.Combiner.ToString()),
            "initialisation" when init != EmbeddingInit.Normal => (p.Name, init.ToString()),
            _ => p,
        })]);
        Assert.Contains($"model {model} there, {Names.Of(model)} here", now.DifferencesFrom(older));

        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            older.Write(w);
        }

        stream.Position = 0;
        using var r = new BinaryReader(stream);
        Assert.Null(now.DifferencesFrom(TrainingFingerprint.Read(r)));
    }

    [Fact]
    public void OtherDataOfTheSameSizeAreNoticed()
    {
        string path = Written();

        // Same users, items and number of interactions; one interaction moved to another item.
        var train = _data.Train;
        int[] items = [.. train.Items];
        int last = train.Count - 1;
        var taken = train.Users.Zip(train.Items).Where(p => p.First == train.Users[last]).Select(p => p.Second).ToHashSet();
        items[last] = Enumerable.Range(0, _data.ItemCount).First(i => !taken.Contains(i));
        var moved = _data with { Train = InteractionList.FromPairs([.. train.Users], items) };

        var ex = Refused(path, data: moved);
        Assert.Contains("different training interactions (or the same lines in another order: ids are numbered as they first appear)", ex.Message);
    }

    [Fact]
    public void ADirectoryIsRefusedBeforeTraining()
    {
        string dir = Directory.CreateDirectory(_dir["ck"]).FullName;
        Assert.Contains("is a directory", Refused(dir).Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
    }

    [Fact]
    public void ASymbolicLinkIsRefusedBeforeTrainingAndKept()
    {
        // The checkpoint is replaced by a rename, which would have turned the link into a file.
        string target = Written();
        byte[] before = File.ReadAllBytes(target);
        string link = _dir["ck.link"];
        File.CreateSymbolicLink(link, target);
        Assert.Contains("is a symbolic link", Refused(link).Message);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(before, File.ReadAllBytes(target));

        // A dangling link was an internal error (the file it names is not there).
        string dangling = _dir["dangling.link"];
        File.CreateSymbolicLink(dangling, _dir["nowhere"]);
        Assert.Contains("is a symbolic link", Refused(dangling).Message);
        Assert.False(File.Exists(_dir["nowhere"]));
    }

    [Fact]
    public void AWriteThatFailsDuringTrainingHandsOverTheBestModelSoFar()
    {
        // The first checkpoint is written; before the second, its folder becomes a file (a full
        // disk, as far as the write can tell). The run stops there, but not what it learnt.
        string folder = _dir["cks"];
        string path = Path.Combine(folder, "ck.bin");
        var options = Options(path) with { Epochs = 4 };
        var breakAfterFirst = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.Phase == TrainingPhase.EpochEnd && p.Epoch == 2)
            {
                Directory.Delete(folder, recursive: true);
                File.WriteAllText(folder, "in the way");
            }
        });
        var ex = Assert.Throws<CheckpointException>(() => Trainer.Train(_data, CodebookAssignment.Full(_data.UserCount, _data.ItemCount), options, breakAfterFirst, TestContext.Current.CancellationToken));
        Assert.Equal(path, ex.Path);
        Assert.Contains("cannot be written", ex.Message);
        Assert.Equal(2, ex.CompletedEpochs);
        var best = Assert.IsType<TrainingResult>(ex.BestSoFar);
        Assert.InRange(best.BestEpoch, 1, 2);
        Assert.NotNull(best.Test);

        // The same model as an uninterrupted run's best of its first two epochs.
        string other = _dir["ck2.bin"];
        var twoEpochs = Train(Options(other) with { Epochs = 2 });
        Assert.Equal(twoEpochs.BestEpoch, best.BestEpoch);
        Assert.Equal(twoEpochs.Validation!.RecallAt(options.EarlyStopK), best.Validation!.RecallAt(options.EarlyStopK));
    }

    [Fact]
    public void ACheckpointInsideAnInputDirectoryIsRefused()
    {
        // A model folder given as --warm-start: baco would add a file to it, then refuse that folder as --out.
        string model = Directory.CreateDirectory(_dir["model"]).FullName;
        foreach (string inside in new[] { Path.Combine(model, "ck.bin"), Path.Combine(model, "sub", "ck.bin") })
        {
            var ex = Assert.Throws<CheckpointException>(() => CheckpointFile.EnsureOutside(inside, [null, model]));
            Assert.Contains($"is inside an input directory of this run ({model})", ex.Message);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(model));
        CheckpointFile.EnsureOutside(_dir["model-ck.bin"], [model]);
        CheckpointFile.EnsureOutside(Path.Combine(_dir.Path, "modelx", "ck.bin"), [model]);
    }

    [Fact]
    public void AnUnwritablePathIsRefusedBeforeTraining()
    {
        // A parent that is a file cannot hold a checkpoint (a permission test would pass as root).
        string parent = _dir.File("plain", "x");
        string path = Path.Combine(parent, "ck.bin");
        Assert.Contains("cannot be written", Refused(path).Message);
        Assert.Contains($"cannot be written: {parent} is a file, not a directory", Assert.Throws<CheckpointException>(() => CheckpointFile.EnsureUsable(path)).Message);
    }

    [Fact]
    public void AReadOnlyCheckpointIsRefusedBeforeTrainingAndKept()
    {
        string written = Written();
        byte[] before = File.ReadAllBytes(written);
        File.SetAttributes(written, FileAttributes.ReadOnly);
        try
        {
            Assert.Contains("is read-only", Assert.Throws<CheckpointException>(() => CheckpointFile.EnsureUsable(written)).Message);
            Assert.Contains("is read-only", Refused(written).Message);
            Assert.Equal(before, File.ReadAllBytes(written));
            Assert.True(File.GetAttributes(written).HasFlag(FileAttributes.ReadOnly));
        }
        finally
        {
            File.SetAttributes(written, FileAttributes.Normal);
        }
    }

    [Fact]
    public void EnsureUsableLeavesNoTrace()
    {
        // Not even the parent it made for its probe: the first checkpoint makes it.
        string path = Path.Combine(_dir.Path, "sub", "deeper", "ck.bin");
        CheckpointFile.EnsureUsable(path);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "sub")));

        // An intact checkpoint passes; its content is untouched.
        string written = Written();
        byte[] before = File.ReadAllBytes(written);
        CheckpointFile.EnsureUsable(written);
        Assert.Equal(before, File.ReadAllBytes(written));
        Assert.Equal(["ck.bin"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ForMethodAppendsTheMethodName()
        => Assert.Equal(Path.Combine("runs", "ck.bin.baco"), CheckpointFile.ForMethod(Path.Combine("runs", "ck.bin"), "baco"));
}
