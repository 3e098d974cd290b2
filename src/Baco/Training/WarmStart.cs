using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Baco.Codebooks;
using Baco.Models;

namespace Baco.Training;

/// <summary>
/// Starts a run from a trained model's codebooks (docs/METHOD.md, "Warm start"): row r of the new
/// user codebook starts as row <see cref="RowMap.UserRows"/>[r] of <see cref="UserCodebook"/>
/// when that is not -1, and keeps its fresh seeded initialisation otherwise; the same for items.
/// Only the starting point changes: sampling, the optimiser (whose moments start at zero) and
/// the rest of the run are as without it.
/// </summary>
/// <param name="Source">Where the codebooks come from, as reports name it (the model directory).</param>
/// <param name="Model">The trained model's backbone.</param>
/// <param name="Layers">Its LightGCN layers.</param>
/// <param name="Dim">Its embedding width.</param>
/// <param name="UserCodebook">Its user codebook, rows x dim.</param>
/// <param name="ItemCodebook">Its item codebook, rows x dim.</param>
/// <param name="Rows">The new assignment's rows mapped to the model's rows.</param>
public sealed record WarmStart(string Source, ModelKind Model, int Layers, int Dim, float[] UserCodebook, float[] ItemCodebook, RowMap Rows)
{
    /// <summary>A warm start from a stored model along <paramref name="rows"/> (see <c>Baco.Assignment.RowRenumbering.MapTo</c>).</summary>
    public static WarmStart FromModel(StoredCodebooks model, RowMap rows, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var c = model.Config;
        return new WarmStart(source, c.Model, c.Layers, c.Dim, model.UserCodebook, model.ItemCodebook, rows);
    }

    /// <summary>
    /// Throws <see cref="InvalidSettingException"/> (setting "WarmStart") when a run with
    /// <paramref name="options"/> trains another backbone, depth or width than the model of
    /// <paramref name="config"/> (from <paramref name="source"/>): checkable before any data are read.
    /// </summary>
    public static void EnsureSameModel(ModelConfig config, TrainingOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        EnsureSameModel(config.Model, config.Layers, config.Dim, options, source);
    }

    private static void EnsureSameModel(ModelKind model, int layers, int dim, TrainingOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? problem = null;
        if (model != options.Model)
        {
            problem = $"{source} is a{(model == ModelKind.LightGcn ? string.Empty : "n")} {ModelNames.Display(model)} model and this run trains {ModelNames.Display(options.Model)}: a warm start continues the same model";
        }
        else if (model == ModelKind.LightGcn && layers != options.Layers)
        {
            problem = $"{source} has {layers} LightGCN layers and this run {options.Layers}: a warm start continues the same model";
        }
        else if (dim != options.Dim)
        {
            problem = $"{source} has dimension {dim} and this run {options.Dim}: rows of another width cannot be copied";
        }

        if (problem is not null)
        {
            throw new InvalidSettingException(nameof(TrainingOptions.WarmStart), problem);
        }
    }

    /// <summary>
    /// Throws <see cref="InvalidSettingException"/> (setting "WarmStart") when the run trains
    /// another backbone, depth or width than the model, and <see cref="ArgumentException"/> when
    /// the row map does not fit the assignment or the codebooks.
    /// </summary>
    public void EnsureFits(TrainingOptions options, CodebookAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(assignment);
        EnsureSameModel(Model, Layers, Dim, options, Source);
        if (Rows.Problem(assignment.Users.RowCount, assignment.Items.RowCount) is { } problem)
        {
            throw new ArgumentException($"The warm start's row map does not fit the assignment: {problem}.", nameof(assignment));
        }

        if (UserCodebook.Length != (long)Rows.PreviousUserRows * Dim || ItemCodebook.Length != (long)Rows.PreviousItemRows * Dim)
        {
            throw new ArgumentException($"The warm start's codebooks ({UserCodebook.Length} and {ItemCodebook.Length} values) are not {Rows.PreviousUserRows} and {Rows.PreviousItemRows} rows of {Dim}.", nameof(assignment));
        }
    }

    /// <summary>Overwrites the mapped rows of <paramref name="model"/>'s codebooks with the trained ones.</summary>
    internal void CopyInto(IRecommenderModel model)
    {
        Copy(UserCodebook, Rows.UserRows, model.Parameters[0]);
        Copy(ItemCodebook, Rows.ItemRows, model.Parameters[1]);

        void Copy(float[] from, int[] map, float[] to)
        {
            for (int r = 0; r < map.Length; r++)
            {
                if (map[r] >= 0)
                {
                    Array.Copy(from, (long)map[r] * Dim, to, (long)r * Dim, Dim);
                }
            }
        }
    }

    /// <summary>For the checkpoint fingerprint: the rows copied and a hash of the maps and codebooks.</summary>
    internal string Describe()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(Rows.UserRows.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(Rows.ItemRows.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(UserCodebook.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(ItemCodebook.AsSpan()));
        var (users, items) = Rows.Matched;
        return string.Create(CultureInfo.InvariantCulture, $"{users} + {items} rows {Convert.ToHexStringLower(hash.GetHashAndReset(), 0, 8)}");
    }
}
