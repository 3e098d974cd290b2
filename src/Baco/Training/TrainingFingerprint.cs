using System.Globalization;
using Baco.Codebooks;
using Baco.Data;
using Baco.Models;

namespace Baco.Training;

/// <summary>
/// The settings and data that determine a training trajectory, as named parts, so a checkpoint
/// can say which of them another run changed. The epoch limit and checkpoint settings are left
/// out: they may change on resume. Data enter as hashes of their content. Option values enter
/// by their stable names (<see cref="Names"/>), not C# member names, so renaming a member does
/// not orphan checkpoints; those written before, with member names, are read as the names.
/// </summary>
internal sealed record TrainingFingerprint(IReadOnlyList<(string Name, string Value)> Parts)
{
    private const string WarmStartPart = "warm start";
    private const string LinkedPart = "linked initialisation";

    // Parts whose values are hashes: a difference is named, its values are not shown.
    private static readonly HashSet<string> Opaque = ["training interactions", "validation interactions", "user codes", "item codes", WarmStartPart];

    // Parts that depend on the assignment, which a comparison or a training only has once a method has
    // compressed; a warm start relates the model's rows to the assignment's, so it is one of them.
    private static readonly HashSet<string> AssignmentParts = ["assignment rows", "code combiner", "user codes", "item codes", MethodPart, WarmStartPart];

    // The method that made the assignment, recorded since 2026-12-03: a checkpoint written before
    // has none, which is not a difference (it still resumes); when both have one, a message names
    // the method before the rows and codes that follow from it.
    private const string MethodPart = "compression method";

    public static TrainingFingerprint Of(TrainingOptions o, CodebookAssignment a, InteractionList train, InteractionList? validation)
    {
        // Parts are compared by name, so their order only orders the differences a message lists.
        return new TrainingFingerprint(
        [
            .. SettingsParts(o, train, validation),
            (MethodPart, a.Method),
            ("assignment rows", $"{a.Users.RowCount} + {a.Items.RowCount}"),
            ("code combiner", Names.Of(a.Combiner)),
            ("user codes", ContentHash.Of(a.Users.CodeArray, a.Users.OffsetArray)),
            ("item codes", ContentHash.Of(a.Items.CodeArray, a.Items.OffsetArray)),
        ]);
    }

    /// <summary>
    /// The parts that do not depend on the assignment: enough to refuse a checkpoint of other
    /// settings or data before any method of a comparison runs (<see cref="DifferencesFrom"/> with settingsOnly).
    /// </summary>
    public static TrainingFingerprint OfSettings(TrainingOptions o, InteractionList train, InteractionList? validation) => new(SettingsParts(o, train, validation));

    /// <summary><see cref="OfSettings(TrainingOptions, InteractionList, InteractionList?)"/> of a prepared data set, its validation part counted only when the options validate (as a training run counts it).</summary>
    public static TrainingFingerprint OfSettings(TrainingOptions o, Dataset data) => OfSettings(o, data.Train, o.EvalEvery > 0 ? data.Validation : null);

    private static List<(string, string)> SettingsParts(TrainingOptions o, InteractionList train, InteractionList? validation)
    {
        static string R(float x) => x.ToString("R", CultureInfo.InvariantCulture);
        List<(string, string)> parts =
        [
            ("model", Names.Of(o.Model)),
            ("layers", o.Layers.ToString(CultureInfo.InvariantCulture)),
            ("dimension", o.Dim.ToString(CultureInfo.InvariantCulture)),
            ("batch size", o.BatchSize.ToString(CultureInfo.InvariantCulture)),
            ("learning rate", R(o.LearningRate)),
            ("weight decay", R(o.WeightDecay)),
            ("L2 regularisation", R(o.L2Regularization)),
            ("Adam beta1", R(o.Beta1)),
            ("Adam beta2", R(o.Beta2)),
            ("Adam epsilon", R(o.Epsilon)),
            ("initialisation", o.Init == EmbeddingInit.Normal ? $"{Names.Of(o.Init)}, std {o.InitStd.ToString("R", CultureInfo.InvariantCulture)}" : Names.Of(o.Init)),
            ("positive sampling", Names.Of(o.Sampling)),
            ("validation interval", o.EvalEvery.ToString(CultureInfo.InvariantCulture)),
            ("patience", o.Patience.ToString(CultureInfo.InvariantCulture)),
            ("early-stopping cut-off", o.EarlyStopK.ToString(CultureInfo.InvariantCulture)),
            ("reported cut-offs", string.Join(',', o.Ks)),
            ("seed", o.Seed.ToString(CultureInfo.InvariantCulture)),
            ("validation fraction", o.ValidationFraction.ToString("R", CultureInfo.InvariantCulture)),
            ("training interactions", $"{train.Count} {train.ContentHash()}"),
            ("validation interactions", validation is null ? "none" : $"{validation.Count} {validation.ContentHash()}"),
        ];

        // Only when set, so checkpoints of runs without it keep their fingerprint.
        if (o.LinkedInit)
        {
            parts.Add((LinkedPart, "item rows start as their co-cluster's user row"));
        }

        // Only when there is one, so checkpoints of runs without a warm start keep their fingerprint.
        if (o.WarmStart is { } warm)
        {
            parts.Add((WarmStartPart, warm.Describe()));
        }

        return parts;
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Parts.Count);
        foreach (var (name, value) in Parts)
        {
            w.Write(name);
            w.Write(value);
        }
    }

    public static TrainingFingerprint Read(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n is < 0 or > 1000)
        {
            throw new InvalidDataException($"{n} fingerprint parts");
        }

        var parts = new (string, string)[n];
        for (int k = 0; k < n; k++)
        {
            string name = r.ReadString();
            parts[k] = (name, NamedValue(name, r.ReadString()));
        }

        return new TrainingFingerprint(parts);
    }

    /// <summary>A stored value as <see cref="Of"/> writes it now: older checkpoints wrote C# member names ("LightGcn").</summary>
    private static string NamedValue(string part, string value) => part switch
    {
        "model" => Named<ModelKind>(value),
        "positive sampling" => Named<PositiveSampling>(value),
        "code combiner" => Named<CodeCombiner>(value),
        "initialisation" => Named<EmbeddingInit>(value),
        _ => value,
    };

    private static string Named<T>(string value)
        where T : struct, Enum
        => Names.TryParse(value, out T member) ? Names.Of(member) : value;

    /// <summary>
    /// What differs between <paramref name="stored"/> (a checkpoint's) and this run's, or null when
    /// they agree; with <paramref name="settingsOnly"/> (this is an <see cref="OfSettings(TrainingOptions, Dataset)"/>), the
    /// stored assignment parts are not compared.
    /// </summary>
    public string? DifferencesFrom(TrainingFingerprint stored, bool settingsOnly = false)
    {
        bool Compared((string Name, string Value) part) => !(settingsOnly && AssignmentParts.Contains(part.Name));
        var theirs = stored.Parts.Where(Compared).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var diffs = new List<string>();
        foreach (var (name, value) in Parts.Where(Compared))
        {
            if (!theirs.Remove(name, out string? old))
            {
                if (name != MethodPart)
                {
                    diffs.Add(Absent(name, "here", "there"));
                }
            }
            else if (old != value)
            {
                diffs.Add(name == "training interactions"
                    ? "different training interactions (or the same lines in another order: ids are numbered as they first appear)"
                    : Opaque.Contains(name) ? $"different {name}" : $"{name} {old} there, {value} here");
            }
        }

        diffs.AddRange(theirs.Keys.Select(name => Absent(name, "there", "here")));
        return diffs.Count == 0 ? null : string.Join("; ", diffs);
    }

    // Parts written only when a setting is on: their absence means off.
    private static string Absent(string name, string where, string elsewhere) => name switch
    {
        WarmStartPart => $"a warm start {where}, none {elsewhere}",
        LinkedPart => $"linked initialisation on {where}, off {elsewhere}",
        _ => $"{name} recorded {where} only",
    };
}
