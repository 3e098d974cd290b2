namespace Baco.Cli.Rendering;

/// <summary>Counts in messages: "1 item", "2 items", "1,234 items".</summary>
internal static class Counted
{
    /// <summary><paramref name="n"/> and <paramref name="noun"/>, in the plural unless <paramref name="n"/> is 1 (nouns that take an s).</summary>
    public static string Of(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n:N0} {noun}s";
}
