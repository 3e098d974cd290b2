using System.Runtime.InteropServices;
using System.Text.Json;
using Baco.Evaluation;

namespace Baco.Training;

/// <summary>
/// Everything needed to continue a run bit-for-bit: completed epoch, generator state, Adam
/// moments and step, parameters, the best parameters so far, the history and the training time
/// so far. Binary, little-endian, inside <see cref="CheckpointFraming"/>'s envelope (length and
/// checksum; written to a temporary file and moved into place).
/// </summary>
internal sealed class TrainingCheckpoint
{
    public required TrainingFingerprint Fingerprint { get; init; }

    public required int Epoch { get; init; }

    public required ulong[] RngState { get; init; }

    public required long AdamStep { get; init; }

    public required float[][] Parameters { get; init; }

    public required float[][] FirstMoments { get; init; }

    public required float[][] SecondMoments { get; init; }

    public required int BestEpoch { get; init; }

    public required double BestScore { get; init; }

    public required int LastImprovementEpoch { get; init; }

    public float[][]? BestParameters { get; init; }

    public RankingMetrics? BestValidation { get; init; }

    public required List<EpochSummary> History { get; init; }

    /// <summary>Seconds spent in training calls up to this checkpoint, over every resume.</summary>
    public required double Seconds { get; init; }

    public void Save(string path) => CheckpointFraming.Write(path, w =>
    {
        Fingerprint.Write(w);
        w.Write(Epoch);
        foreach (ulong s in RngState)
        {
            w.Write(s);
        }

        w.Write(AdamStep);
        WriteArrays(w, Parameters);
        WriteArrays(w, FirstMoments);
        WriteArrays(w, SecondMoments);
        w.Write(BestEpoch);
        w.Write(BestScore);
        w.Write(LastImprovementEpoch);
        w.Write(BestParameters is not null);
        if (BestParameters is not null)
        {
            WriteArrays(w, BestParameters);
        }

        w.Write(BestValidation is null ? string.Empty : JsonSerializer.Serialize(BestValidation));
        w.Write(History.Count);
        foreach (var h in History)
        {
            w.Write(h.Epoch);
            w.Write(h.Loss);
            w.Write(h.ValidationRecall);
        }

        w.Write(Seconds);
    });

    /// <summary>Reads and verifies a checkpoint; every problem is a <see cref="CheckpointException"/>.</summary>
    public static TrainingCheckpoint Load(string path) => CheckpointFraming.Read(path, r =>
    {
        var fingerprint = TrainingFingerprint.Read(r);
        int epoch = r.ReadInt32();
        var rng = new ulong[4];
        for (int k = 0; k < 4; k++)
        {
            rng[k] = r.ReadUInt64();
        }

        long step = r.ReadInt64();
        var parameters = ReadArrays(r);
        var m = ReadArrays(r);
        var v = ReadArrays(r);
        int bestEpoch = r.ReadInt32();
        double bestScore = r.ReadDouble();
        int lastImprovement = r.ReadInt32();
        float[][]? best = r.ReadBoolean() ? ReadArrays(r) : null;
        string json = r.ReadString();
        var bestValidation = json.Length == 0 ? null : JsonSerializer.Deserialize<RankingMetrics>(json);
        int hn = r.ReadInt32();
        var history = new List<EpochSummary>(Math.Clamp(hn, 0, 1 << 16));
        for (int k = 0; k < hn; k++)
        {
            history.Add(new EpochSummary(r.ReadInt32(), r.ReadDouble(), r.ReadDouble()));
        }

        return new TrainingCheckpoint
        {
            Fingerprint = fingerprint,
            Epoch = epoch,
            RngState = rng,
            AdamStep = step,
            Parameters = parameters,
            FirstMoments = m,
            SecondMoments = v,
            BestEpoch = bestEpoch,
            BestScore = bestScore,
            LastImprovementEpoch = lastImprovement,
            BestParameters = best,
            BestValidation = bestValidation,
            History = history,
            Seconds = r.ReadDouble(),
        };
    });

    /// <summary>Throws when this checkpoint was written by a run with other settings or data, for parameters of other shapes, or past <paramref name="epochs"/>.</summary>
    public void EnsureResumableBy(TrainingFingerprint current, IReadOnlyList<float[]> parameters, string path, int epochs)
    {
        if (current.DifferencesFrom(Fingerprint) is { } diff)
        {
            throw OtherRun(path, diff);
        }

        EnsureWithin(epochs, path);

        bool Fits(float[][] arrays) => arrays.Length == parameters.Count && arrays.Select(a => a.Length).SequenceEqual(parameters.Select(p => p.Length));
        if (!Fits(Parameters) || !Fits(FirstMoments) || !Fits(SecondMoments) || (BestParameters is not null && !Fits(BestParameters)))
        {
            throw new CheckpointException(path, "its parameter sizes do not match this model's; delete it to start over");
        }
    }

    /// <summary>
    /// Throws when the checkpoint at <paramref name="path"/>, if there is one, is unusable (CheckpointFile.EnsureUsable) or was written with other
    /// settings or data than <paramref name="settings"/> (<see cref="TrainingFingerprint.OfSettings(TrainingOptions, Data.Dataset)"/>),
    /// or past <paramref name="epochs"/>: a comparison checks every method's checkpoint so before
    /// the first method trains.
    /// </summary>
    public static void EnsureSettingsMatch(string path, TrainingFingerprint settings, int epochs)
    {
        CheckpointFile.EnsureUsable(path);
        if (!File.Exists(path))
        {
            return;
        }

        var checkpoint = Load(path);
        if (settings.DifferencesFrom(checkpoint.Fingerprint, settingsOnly: true) is { } diff)
        {
            throw OtherRun(path, diff);
        }

        checkpoint.EnsureWithin(epochs, path);
    }

    // The epoch cap is not part of the fingerprint, so that a run can be continued for longer;
    // a checkpoint already past it would silently return the longer run.
    private void EnsureWithin(int epochs, string path)
    {
        if (Epoch > epochs)
        {
            throw new CheckpointException(path, $"it was written at epoch {Epoch}, past this run's {epochs} epochs; give at least {Epoch} epochs to continue it, or another checkpoint path to start over");
        }
    }

    private static CheckpointException OtherRun(string path, string diff)
        => new(path, $"written by a run with other settings or data ({diff}); use the same settings and data, or another checkpoint path to start over");

    private static void WriteArrays(BinaryWriter w, IReadOnlyList<float[]> arrays)
    {
        w.Write(arrays.Count);
        foreach (var a in arrays)
        {
            w.Write(a.Length);
            w.Write(MemoryMarshal.AsBytes(a.AsSpan()));
        }
    }

    private static float[][] ReadArrays(BinaryReader r)
    {
        int n = r.ReadInt32();
        var result = new float[n][];
        for (int k = 0; k < n; k++)
        {
            var a = new float[r.ReadInt32()];
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(a.AsSpan()));
            result[k] = a;
        }

        return result;
    }
}
