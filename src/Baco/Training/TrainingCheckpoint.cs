using System.Runtime.InteropServices;
using System.Text.Json;
using Baco.Evaluation;

namespace Baco.Training;

/// <summary>
/// Everything needed to continue a run bit-for-bit: completed epoch, generator state, Adam
/// moments and step, parameters, the best parameters so far and the history. Binary,
/// little-endian, written to a temporary file and moved into place so a crash never leaves a
/// half-written checkpoint.
/// </summary>
internal sealed class TrainingCheckpoint
{
    private const string Magic = "BACOCKP1";

    public required string Fingerprint { get; init; }

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

    public void Save(string path)
    {
        string tmp = path + ".tmp";
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        using (var w = new BinaryWriter(File.Create(tmp)))
        {
            w.Write(Magic);
            w.Write(Fingerprint);
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
        }

        File.Move(tmp, path, overwrite: true);
    }

    public static TrainingCheckpoint Load(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        if (r.ReadString() != Magic)
        {
            throw new InvalidDataException($"{path}: not a Baco training checkpoint.");
        }

        string fingerprint = r.ReadString();
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
        var history = new List<EpochSummary>(hn);
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
        };
    }

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
