using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Baco.Codebooks;
using Baco.Data;

namespace Baco.Assignment;

/// <summary>
/// A SHA-256 of what makes an assignment: method, combiner, row counts, both sides' codes and
/// offsets and the entities' own ids. A row map records its earlier assignment's fingerprint, so
/// a warm start can tell whether a model was trained on that assignment (docs/METHOD.md, "Stable
/// rows across re-clustering"). A compression directory and the model directory trained on it
/// have the same fingerprint.
/// </summary>
public static class AssignmentFingerprint
{
    /// <summary>"sha256:" and 64 hex digits.</summary>
    public static string Of(CodebookAssignment assignment, IdMap users, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        if (users.Count != assignment.Users.EntityCount || items.Count != assignment.Items.EntityCount)
        {
            throw new ArgumentException($"Id maps ({users.Count} users, {items.Count} items) do not match the assignment ({assignment.Users.EntityCount} users, {assignment.Items.EntityCount} items).");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string s)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(s);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        Text(assignment.Method);
        Text(assignment.Combiner.ToString());
        foreach (var (side, ids) in new[] { (assignment.Users, users), (assignment.Items, items) })
        {
            hash.AppendData(BitConverter.GetBytes(side.RowCount));
            hash.AppendData(BitConverter.GetBytes(side.EntityCount));
            hash.AppendData(MemoryMarshal.AsBytes(side.CodeArray.AsSpan()));
            hash.AppendData(MemoryMarshal.AsBytes(side.OffsetArray.AsSpan()));
            foreach (string name in ids.Names())
            {
                Text(name);
            }
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
