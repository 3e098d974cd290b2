namespace Baco.Tests.TestSupport;

/// <summary>A progress sink that runs its action on the reporting thread, at once (Progress&lt;T&gt; posts it later).</summary>
internal sealed class SyncProgress<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
