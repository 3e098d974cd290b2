namespace Baco;

/// <summary>
/// How many threads the library's kernels use (training, evaluation, clustering, graph
/// building). Work is cut into blocks fixed by the problem's size, never by the thread count,
/// and every block writes its own outputs, so results are bit-identical for any value: threads
/// change speed only.
/// </summary>
public static class Parallelism
{
    private static int _threads = Environment.ProcessorCount;

    /// <summary>The largest accepted value.</summary>
    public const int MaxThreads = 1024;

    /// <summary>Threads per parallel kernel; defaults to the number of logical processors.</summary>
    /// <exception cref="InvalidSettingException">The value is below 1 or above <see cref="MaxThreads"/>.</exception>
    public static int Threads
    {
        get => Volatile.Read(ref _threads);
        set
        {
            if (value is < 1 or > MaxThreads)
            {
                throw new InvalidSettingException(nameof(Threads), $"must be between 1 and {MaxThreads}, got {value}");
            }

            Volatile.Write(ref _threads, value);
        }
    }
}
