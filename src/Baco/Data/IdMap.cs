using System.Globalization;

namespace Baco.Data;

/// <summary>
/// Two-way map between the ids a user wrote in their files ("names") and the dense
/// 0-based ids the library computes with. Either the identity on integers 0..Count-1
/// (files whose ids already are dense integers) or an explicit list of names.
/// </summary>
public sealed class IdMap
{
    private readonly string[]? _names;
    private readonly Dictionary<string, int>? _index;

    private IdMap(int count, string[]? names)
    {
        Count = count;
        _names = names;
        if (names is not null)
        {
            _index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
            for (int i = 0; i < names.Length; i++)
            {
                if (!_index.TryAdd(names[i], i))
                {
                    throw new ArgumentException($"Duplicate id '{names[i]}' in id map.", nameof(names));
                }
            }
        }
    }

    /// <summary>Number of entities (dense ids are 0..Count-1).</summary>
    public int Count { get; }

    /// <summary>True when dense id i is written as the integer i in the user's files.</summary>
    public bool IsIdentity => _names is null;

    /// <summary>The identity map on 0..count-1.</summary>
    public static IdMap Identity(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new IdMap(count, null);
    }

    /// <summary>An explicit map: dense id i is written as names[i]. Names must be distinct.</summary>
    public static IdMap FromNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new(names.Count, [.. names]);
    }

    /// <summary>The user's own id for dense id <paramref name="id"/>.</summary>
    public string NameOf(int id)
    {
        if ((uint)id >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(id), $"'id': {id} is outside 0..{Count - 1}.");
        }

        return _names is null ? id.ToString(CultureInfo.InvariantCulture) : _names[id];
    }

    /// <summary>Dense id of a user-written id, if it is known.</summary>
    public bool TryGetId(string name, out int id)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out id);
        }

        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id < Count
            && id.ToString(CultureInfo.InvariantCulture) == name)
        {
            return true;
        }

        id = -1;
        return false;
    }

    /// <summary>All names in dense-id order (materialised; for writing maps to disk).</summary>
    public IEnumerable<string> Names()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return NameOf(i);
        }
    }
}
