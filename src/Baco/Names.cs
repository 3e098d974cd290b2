using System.Reflection;
using System.Text.Json.Serialization;

namespace Baco;

/// <summary>
/// The one spelling of the values the library's option enums take, on the command line, in JSON
/// files and in reports: the name each member's <see cref="JsonStringEnumMemberNameAttribute"/>
/// gives, so <see cref="JsonStringEnumConverter"/> writes the same ("lightgcn" and "mf" for
/// the model kinds, "normal" and "xavier" for the initialisations). Parsing ignores
/// case and surrounding spaces and also accepts the C# member name, which older files wrote
/// (config.json version 1: "LightGcn", "MatrixFactorization").
/// </summary>
public static class Names
{
    /// <summary>The name of <paramref name="value"/>, e.g. "mf" for <c>ModelKind.MatrixFactorization</c>.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
        => Table<T>.ByValue.TryGetValue(value, out string? name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a member of {typeof(T).Name}");

    /// <summary>Every name of <typeparamref name="T"/>, in declaration order (the order help texts and messages list them).</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum
        => Table<T>.Names;

    /// <summary>The member named <paramref name="text"/> (its name or its C# member name, any case).</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return text is not null && Table<T>.ByName.TryGetValue(text.Trim(), out value);
    }

    /// <summary>
    /// The member named <paramref name="text"/>, or <see cref="InvalidSettingException"/> for
    /// <paramref name="setting"/>: "'text' is not <paramref name="what"/>; use a, b or c".
    /// </summary>
    public static T Parse<T>(string text, string setting, string what)
        where T : struct, Enum
        => TryParse(text, out T value) ? value : throw new InvalidSettingException(setting, $"'{text}' is not {what}; use {Alternatives(All<T>())}");

    /// <summary>The names as a sentence lists them: "a, b or c".</summary>
    public static string Alternatives(IReadOnlyList<string> names, string conjunction = "or")
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names.Take(names.Count - 1))} {conjunction} {names[^1]}";
    }

    /// <summary>The names of one enum, read once from its attributes.</summary>
    private static class Table<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = [];

        public static readonly Dictionary<string, T> ByName = new(StringComparer.OrdinalIgnoreCase);

        public static readonly string[] Names = Read();

        private static string[] Read()
        {
            var names = new List<string>();
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = (T)field.GetValue(null)!;
                string name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
                ByValue[value] = name;
                ByName.TryAdd(name, value);
                names.Add(name);
            }

            // Member names second, so that a name always wins over another member's C# name.
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                ByName.TryAdd(field.Name, (T)field.GetValue(null)!);
            }

            return [.. names];
        }
    }
}
