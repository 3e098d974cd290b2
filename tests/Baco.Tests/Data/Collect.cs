namespace Baco.Tests.Data;

/// <summary>Collects the reader's warnings synchronously (Progress&lt;T&gt; would post to another thread).</summary>
internal sealed class Collect : IProgress<string>
{
    public List<string> Lines { get; } = [];

    public void Report(string value) => Lines.Add(value);
}
