using System.Globalization;
using Baco.Codebooks;

namespace Baco.Clustering;

/// <summary>How a compression target is expressed.</summary>
public enum TargetKind
{
    /// <summary>A fraction of the full table's parameters (e.g. 0.25).</summary>
    Fraction,

    /// <summary>A number of codebook rows' worth of parameters: rows * dim (the paper's "9,000 rows").</summary>
    Rows,

    /// <summary>The method's own knob used as given (BACO's gamma, Louvain's resolution, ...); no search.</summary>
    Knob,
}

/// <summary>
/// What size the compressed table must have. For <see cref="TargetKind.Fraction"/> and
/// <see cref="TargetKind.Rows"/> a method searches its knob so that the result's parameters are
/// at most the budget and within <see cref="Tolerance"/> of it.
/// </summary>
public readonly record struct CompressionTarget(TargetKind Kind, double Value)
{
    /// <summary>Relative slack below the budget that a searched result may land in (2 %).</summary>
    public const double Tolerance = 0.02;

    /// <summary>A fraction of the full table, in (0, 1].</summary>
    public static CompressionTarget Fraction(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new InvalidSettingException(nameof(Fraction), string.Create(CultureInfo.InvariantCulture, $"{fraction} must be a fraction in (0, 1]"));
        }

        return new(TargetKind.Fraction, fraction);
    }

    /// <summary>A budget of N codebook rows' worth of parameters.</summary>
    public static CompressionTarget Rows(int rows)
    {
        if (rows <= 0)
        {
            throw new InvalidSettingException(nameof(Rows), $"{rows} must be a positive number of rows");
        }

        return new(TargetKind.Rows, rows);
    }

    /// <summary>The method's knob, used as given.</summary>
    public static CompressionTarget Knob(double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new InvalidSettingException(nameof(Knob), string.Create(CultureInfo.InvariantCulture, $"{value} must be a positive finite number"));
        }

        return new(TargetKind.Knob, value);
    }

    /// <summary>The budget in parameters, or null for <see cref="TargetKind.Knob"/>.</summary>
    /// <remarks>
    /// A target built with the constructor or <c>default</c> rather than the factories is checked
    /// here, where it becomes a number: a fraction outside (0, 1] or a non-positive row count is an
    /// <see cref="InvalidSettingException"/>, as from <see cref="Fraction"/> and <see cref="Rows"/>.
    /// </remarks>
    public long? BudgetParameters(int userCount, int itemCount, int dim) => Kind switch
    {
        TargetKind.Fraction => (long)Math.Floor(Fraction(Value).Value * ParameterCount.Full(userCount, itemCount, dim)),
        TargetKind.Rows => Value is >= 1 and <= int.MaxValue && Value == Math.Floor(Value)
            ? (long)Value * dim
            : throw new InvalidSettingException(nameof(Rows), string.Create(CultureInfo.InvariantCulture, $"{Value} must be a positive whole number of rows")),
        _ => null,
    };

    /// <inheritdoc/>
    /// <remarks>Culture-invariant: it is written into summary.json and reports read by programs.</remarks>
    public override string ToString() => Kind switch
    {
        TargetKind.Fraction => string.Create(CultureInfo.InvariantCulture, $"budget {Value:0.####} of the full table"),
        TargetKind.Rows => string.Create(CultureInfo.InvariantCulture, $"budget {Value:0} rows"),
        _ => string.Create(CultureInfo.InvariantCulture, $"knob {Value:G6}"),
    };
}
