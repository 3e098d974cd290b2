namespace Baco.Training;

/// <summary>Distinct ids of a batch in first-appearance order, with a stamp array instead of clearing a set.</summary>
internal sealed class RowDeduplicator
{
    private readonly int[] _stamp;
    private readonly List<int> _rows = [];
    private int _generation;

    public RowDeduplicator(int count)
    {
        _stamp = new int[count];
    }

    public void Reset()
    {
        _generation++;
        _rows.Clear();
    }

    public void Add(int id)
    {
        if (_stamp[id] != _generation)
        {
            _stamp[id] = _generation;
            _rows.Add(id);
        }
    }

    public ReadOnlySpan<int> Rows => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows);
}
