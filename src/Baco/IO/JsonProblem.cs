using System.Text.Json;

namespace Baco.IO;

/// <summary>What is wrong with a JSON file, in words: where, not System.Text.Json's type names and reader state.</summary>
internal static class JsonProblem
{
    public static string Describe(JsonException e)
    {
        string where = e.Path is { Length: > 1 } p ? $" at {p[2..]}" : string.Empty;
        return e.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"the value{where} has the wrong type or is out of range"
            : e.Message.Contains("isFinalBlock", StringComparison.Ordinal) || e.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
                ? "the file is empty or cut short"
                : $"it is not valid JSON{where}";
    }
}
