using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Baco.Data;

/// <summary>
/// A short SHA-256 of two arrays' bytes: enough to tell two interaction lists or two code
/// arrays apart in a checkpoint fingerprint or a summary, not a security measure.
/// </summary>
internal static class ContentHash
{
    /// <summary>The first 8 bytes of SHA-256 over <paramref name="first"/> then <paramref name="second"/>, as 16 lower-case hex digits.</summary>
    public static string Of<T>(int[] first, T[] second)
        where T : struct
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(first.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(second.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset(), 0, 8);
    }
}
