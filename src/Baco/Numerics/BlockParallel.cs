namespace Baco.Numerics;

/// <summary>
/// The one parallel loop of the library. [0, n) is cut into blocks of a fixed size chosen by the
/// caller from the problem (never from the thread count); blocks run on up to
/// <see cref="Parallelism.Threads"/> threads in any order. Callers keep results independent of
/// timing by letting each block write only its own outputs; a reduction stores per-block
/// partials and combines them in block order afterwards.
/// </summary>
internal static class BlockParallel
{
    /// <summary>Number of blocks of <paramref name="blockSize"/> covering [0, n).</summary>
    public static int BlockCount(int n, int blockSize) => n <= 0 ? 0 : (int)(((long)n + blockSize - 1) / blockSize);

    /// <summary>Runs body(from, to) for each block of [0, n); inline when there is one block or one thread.</summary>
    public static void For(int n, int blockSize, Action<int, int> body)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        int blocks = BlockCount(n, blockSize);
        Blocks(blocks, b => body(b * blockSize, (int)Math.Min(n, ((long)b + 1) * blockSize)));
    }

    /// <summary>Runs body(b) for each block index b in [0, blocks).</summary>
    public static void Blocks(int blocks, Action<int> body)
    {
        int threads = Parallelism.Threads;
        if (blocks <= 1 || threads == 1)
        {
            for (int b = 0; b < blocks; b++)
            {
                body(b);
            }

            return;
        }

        Parallel.For(0, blocks, Options(threads), body);
    }

    /// <summary>
    /// Runs body(b, state) for each block, with one <typeparamref name="TState"/> per worker
    /// (scratch buffers). The state must not carry results from one block to the next.
    /// </summary>
    public static void Blocks<TState>(int blocks, Func<TState> scratch, Action<int, TState> body)
    {
        int threads = Parallelism.Threads;
        if (blocks <= 1 || threads == 1)
        {
            var state = scratch();
            for (int b = 0; b < blocks; b++)
            {
                body(b, state);
            }

            return;
        }

        Parallel.For(0, blocks, Options(threads), scratch, (b, _, state) =>
        {
            body(b, state);
            return state;
        }, _ => { });
    }

    private static ParallelOptions Options(int threads) => new() { MaxDegreeOfParallelism = threads };
}
