using System.Globalization;
using System.Text;

namespace Baco.Data;

/// <summary>
/// Collects the ids of one side (users or items) across all files of a dataset and decides the
/// final <see cref="IdMap"/>. Integer ids go through a growable int[] lookup (no strings); the
/// first id that is not a canonical integer switches the side to a string dictionary, renumbering
/// the interactions already stored. Interactions hold this side's id in the high (users) or low
/// (items) half of each key; <see cref="Finish"/> rewrites them to dense ids when needed.
/// </summary>
internal sealed class IdSpace
{
    // Above this an integer lookup would cost too much memory; such ids are read as names.
    private const int LookupLimit = 1 << 26;

    private readonly IdKind _kind;
    private readonly List<KeyBuffer> _buffers;
    private readonly bool _high;

    private int[] _lookup = [];
    private int[] _order = new int[1024];
    private int _distinct;
    private int _max = -1;

    private Dictionary<string, int>? _index;
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIndex;
    private List<string>? _names;
    private char[] _chars = new char[256];

    /// <summary>
    /// A side read as <paramref name="kind"/> says, its ids stored in the high or low half of the
    /// keys of <paramref name="buffers"/>. The ids of <paramref name="known"/> (a stored
    /// assignment's) are numbered first, as it numbers them, so that data read against it match;
    /// ids it lacks follow in order of first appearance.
    /// </summary>
    public IdSpace(IdKind kind, List<KeyBuffer> buffers, bool high, IdMap? known = null)
    {
        _kind = kind;
        _buffers = buffers;
        _high = high;
        if (known is null)
        {
            return;
        }

        if (known.IsIdentity && known.Count <= LookupLimit)
        {
            // 0..Count-1 registered in order: an identity map stays one, and a later switch to
            // names keeps them first.
            if (known.Count > 0)
            {
                GrowLookup(known.Count - 1);
                for (int v = 0; v < known.Count; v++)
                {
                    Register(v);
                }
            }

            return;
        }

        if (kind == IdKind.Integer)
        {
            throw new ArgumentException("ids known by name cannot be read as integers kept as written", nameof(kind));
        }

        SwitchToNames();
        foreach (string name in known.Names())
        {
            _index!.Add(name, _names!.Count);
            _names.Add(name);
        }
    }

    /// <summary>
    /// Registers an id and returns the value to store for it. False when the side must be integer
    /// (<see cref="IdKind.Integer"/>) and the token is not a canonical non-negative integer.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<byte> token, out int value)
    {
        if (_index is null)
        {
            if (AsciiNumbers.TryParseCanonical(token, out int v))
            {
                if (_kind == IdKind.Integer)
                {
                    // int.MaxValue itself would overflow the count of an identity map.
                    if (v == int.MaxValue)
                    {
                        value = -1;
                        return false;
                    }

                    _max = Math.Max(_max, v);
                    value = v;
                    return true;
                }

                if (v < _lookup.Length || v < LookupLimit)
                {
                    if (v >= _lookup.Length)
                    {
                        GrowLookup(v);
                    }

                    if (_lookup[v] == 0)
                    {
                        Register(v);
                    }

                    value = v;
                    return true;
                }
            }

            if (_kind == IdKind.Integer)
            {
                value = -1;
                return false;
            }

            SwitchToNames();
        }

        value = AddName(token);
        return true;
    }

    /// <summary>Chooses the id map and rewrites the stored interactions to dense ids if it is not the identity.</summary>
    public IdMap Finish()
    {
        if (_names is not null)
        {
            return IdMap.FromNames(_names);
        }

        if (_kind == IdKind.Integer || (_kind == IdKind.Auto && _max + 1L <= (2L * _distinct) + 16))
        {
            return IdMap.Identity(_max + 1);
        }

        var names = new string[_distinct];
        for (int k = 0; k < _distinct; k++)
        {
            names[k] = _order[k].ToString(CultureInfo.InvariantCulture);
        }

        RemapStored();
        return IdMap.FromNames(names);
    }

    private void Register(int v)
    {
        if (_distinct == _order.Length)
        {
            Array.Resize(ref _order, _order.Length * 2);
        }

        _order[_distinct++] = v;
        _lookup[v] = _distinct;
        _max = Math.Max(_max, v);
    }

    private void GrowLookup(int v)
    {
        long size = Math.Max(v + 1L, Math.Max(1024L, _lookup.Length * 2L));
        Array.Resize(ref _lookup, (int)Math.Min(size, LookupLimit));
    }

    private void SwitchToNames()
    {
        _index = new Dictionary<string, int>(Math.Max(16, _distinct * 2), StringComparer.Ordinal);
        _spanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = new List<string>(Math.Max(16, _distinct * 2));
        for (int k = 0; k < _distinct; k++)
        {
            string name = _order[k].ToString(CultureInfo.InvariantCulture);
            _index.Add(name, k);
            _names.Add(name);
        }

        RemapStored();
        _order = [];
    }

    // Stored raw integer ids -> dense ids in order of first appearance.
    private void RemapStored()
    {
        int[] lookup = _lookup;
        foreach (var buffer in _buffers)
        {
            var keys = buffer.Keys;
            if (_high)
            {
                for (int k = 0; k < keys.Length; k++)
                {
                    long dense = lookup[(int)(keys[k] >> 32)] - 1;
                    keys[k] = (dense << 32) | (keys[k] & 0xFFFFFFFFL);
                }
            }
            else
            {
                for (int k = 0; k < keys.Length; k++)
                {
                    long dense = (uint)(lookup[(int)(uint)keys[k]] - 1);
                    keys[k] = (keys[k] & ~0xFFFFFFFFL) | dense;
                }
            }
        }

        _lookup = [];
    }

    private int AddName(ReadOnlySpan<byte> token)
    {
        if (_chars.Length < token.Length)
        {
            _chars = new char[Math.Max(token.Length, _chars.Length * 2)];
        }

        int n = Encoding.UTF8.GetChars(token, _chars);
        var name = _chars.AsSpan(0, n);
        if (_spanIndex.TryGetValue(name, out int id))
        {
            return id;
        }

        id = _names!.Count;
        string s = name.ToString();
        _index!.Add(s, id);
        _names.Add(s);
        return id;
    }
}
