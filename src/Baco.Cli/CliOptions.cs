using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Baco.Cli;

/// <summary>
/// Options whose values are checked while parsing, with messages that name the option and say
/// what is expected ("'--lr': 'abc' is not a number"), never a .NET type name; a value out of
/// range is refused before any work starts.
/// </summary>
internal static class CliOptions
{
    /// <summary>A number with a default; <paramref name="rule"/> says what <paramref name="valid"/> wants (e.g. "must be at least 1").</summary>
    public static Option<T> Number<T>(string name, string description, T defaultValue, Func<T, bool> valid, string rule)
        where T : struct, INumber<T>
        => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => Parse(r, name, valid, rule) ?? defaultValue,
        };

    /// <summary>A number that may be absent (null).</summary>
    public static Option<T?> OptionalNumber<T>(string name, string description, Func<T, bool> valid, string rule)
        where T : struct, INumber<T>
        => new(name)
        {
            Description = description,
            CustomParser = r => Parse(r, name, valid, rule),
        };

    /// <summary>One of a fixed set of words, matched without regard to case and returned in lower case.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, IReadOnlyList<string> choices)
        => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                string value = r.Tokens.Count > 0 ? r.Tokens[0].Value.Trim().ToLowerInvariant() : defaultValue;
                if (!choices.Contains(value, StringComparer.Ordinal))
                {
                    r.AddError($"'{name}': '{value}' is not one of {string.Join(", ", choices)}{Suggestions.DidYouMean(value, choices)}.");
                }

                return value;
            },
        };

    /// <summary>A file or directory path, kept as the text given (resolved only when used, so a vanished current directory is reported, not thrown).</summary>
    public static Option<string?> Path(string name, string description)
        => new(name) { Description = description, CustomParser = r => NonEmpty(r, name) };

    /// <summary>A path the command cannot run without.</summary>
    public static Option<string?> RequiredPath(string name, string description)
        => new(name) { Description = description, CustomParser = r => NonEmpty(r, name), Required = true };

    /// <summary>A path with a default.</summary>
    public static Option<string> Path(string name, string description, string defaultValue)
        => new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => NonEmpty(r, name) ?? defaultValue };

    /// <summary>Free text with a default (e.g. a comma-separated list); an empty value is refused.</summary>
    public static Option<string> Text(string name, string description, string defaultValue)
        => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                string value = r.Tokens.Count > 0 ? r.Tokens[0].Value : defaultValue;
                if (value.Trim().Length == 0)
                {
                    r.AddError($"'{name}': the value is empty.");
                }

                return value;
            },
        };

    /// <summary>The --seed option: a non-negative whole number, 0 by default.</summary>
    public static Option<int> Seed(string description) => Number("--seed", description, 0, s => s >= 0, "must be a whole number, at least 0");

    /// <summary>Whether the user wrote the option (a default does not count).</summary>
    public static bool Given(this ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

    private static string? NonEmpty(ArgumentResult r, string name)
    {
        string? value = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
        if (value is not null && value.Trim().Length == 0)
        {
            r.AddError($"'{name}': the path is empty.");
        }

        return value;
    }

    private static T? Parse<T>(ArgumentResult r, string name, Func<T, bool> valid, string rule)
        where T : struct, INumber<T>
    {
        if (r.Tokens.Count == 0)
        {
            return null;
        }

        string text = r.Tokens[0].Value;
        bool integer = typeof(T) == typeof(int) || typeof(T) == typeof(long);
        var styles = integer ? NumberStyles.Integer : NumberStyles.Float;
        if (!T.TryParse(text, styles, CultureInfo.InvariantCulture, out T value))
        {
            // A whole number past the type's range is not "not a whole number".
            if (integer && BigInteger.TryParse(text, styles, CultureInfo.InvariantCulture, out var big))
            {
                string limit = typeof(T) == typeof(int)
                    ? (big.Sign > 0 ? int.MaxValue : int.MinValue).ToString("N0", CultureInfo.InvariantCulture)
                    : (big.Sign > 0 ? long.MaxValue : long.MinValue).ToString("N0", CultureInfo.InvariantCulture);
                r.AddError($"'{name}': {text} is too {(big.Sign > 0 ? "large" : "small")} (the limit is {limit}); {name[2..]} {rule}.");
                return null;
            }

            r.AddError($"'{name}': '{text}' is not {(integer ? "a whole number" : "a number")}.");
            return null;
        }

        if (!valid(value) || (!integer && !double.IsFinite(double.CreateTruncating(value))))
        {
            r.AddError($"'{name}': {text} {rule}.");
            return null;
        }

        return value;
    }
}
