using System.Diagnostics;
using System.Globalization;
using System.Text;
using Baco.Data;
using Baco.IO;

namespace Baco.Tests.Data;

/// <summary>
/// Seeded fuzz test of <see cref="InteractionReader"/>: every mutated file is either read into a
/// consistent <see cref="Dataset"/> or rejected with a <see cref="DataFormatException"/> naming the
/// file and a line; any other exception, or a case running over its time limit, fails. The count
/// comes from BACO_FUZZ_CASES (default small enough for the suite), the seed from BACO_FUZZ_SEED,
/// and BACO_FUZZ_FIRST starts at a given case to replay one.
/// </summary>
[Trait("Category", "Fault")]
public sealed class ReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int DefaultCases = 15_000;
    private const int DefaultSeed = 20261201;

    // Generous for a loaded 2-core machine: a healthy case takes well under a millisecond.
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MutatedFiles_AreReadConsistentlyOrRejectedWithFileAndLine()
    {
        int cases = Setting("BACO_FUZZ_CASES", DefaultCases);
        int seed = Setting("BACO_FUZZ_SEED", DefaultSeed);
        int first = Setting("BACO_FUZZ_FIRST", 0);
        string path = _dir["case.tsv"];
        string valid = _dir.File("valid.tsv", "0\t1\n1\t0\n");
        var run = new FuzzRun();
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() => run.Execute(first, cases, seed, path, valid)) { IsBackground = true };
        worker.Start();

        // The reader runs on its own thread so a hang fails the test instead of stalling it.
        while (!worker.Join(100))
        {
            var (current, started) = run.Current;
            if (current >= 0 && Stopwatch.GetElapsedTime(started) > CaseLimit)
            {
                Assert.Fail($"case {current} (seed {seed}) ran over {CaseLimit.TotalSeconds} s; replay it with BACO_FUZZ_FIRST={current} BACO_FUZZ_CASES=1; {run.Input}");
            }
        }

        if (run.Failure is not null)
        {
            Assert.Fail(run.Failure);
        }

        Assert.Equal(cases, run.Read + run.Rejected);
        output.WriteLine($"{cases} cases from {first} (seed {seed}): {run.Read} read, {run.Rejected} rejected, {clock.Elapsed.TotalSeconds:F1} s");

        // Both outcomes must be exercised, or the mutations are too weak (or too strong).
        Assert.True(run.Read > cases / 10, $"only {run.Read} of {cases} cases were read");
        Assert.True(run.Rejected > cases / 10, $"only {run.Rejected} of {cases} cases were rejected");
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : fallback;

    /// <summary>The state a fuzz run shares with the watching test thread.</summary>
    private sealed class FuzzRun
    {
        private readonly Lock _gate = new();
        private long _current = -1;
        private long _started;

        public int Read { get; private set; }

        public int Rejected { get; private set; }

        public string? Failure { get; private set; }

        /// <summary>The current case's options and input, for a report.</summary>
        public string Input { get; private set; } = "";

        public (long Case, long Started) Current
        {
            get
            {
                lock (_gate)
                {
                    return (_current, _started);
                }
            }
        }

        public void Execute(int first, int cases, int seed, string path, string valid)
        {
            for (int c = first; c < first + cases && Failure is null; c++)
            {
                // Not HashCode.Combine: it is seeded per process, and a case must replay.
                var rng = new Random(unchecked((seed * 1_000_003) + c));
                byte[] content = ReaderFuzzInputs.Content(rng);
                var options = ReaderFuzzInputs.Options(rng);
                bool asValidation = rng.Next(8) == 0;
                File.WriteAllBytes(path, content);
                Input = $"options {options}, validation file: {asValidation}, input {Escape(content)}";
                lock (_gate)
                {
                    (_current, _started) = (c, Stopwatch.GetTimestamp());
                }

                string? problem = RunCase(path, valid, content, options, asValidation);
                lock (_gate)
                {
                    _current = -1;
                }

                if (problem is not null)
                {
                    Failure = $"case {c} (seed {seed}, replay with BACO_FUZZ_FIRST={c} BACO_FUZZ_CASES=1), {Input}: {problem}";
                }
            }
        }

        private static string Escape(byte[] content)
        {
            var sb = new StringBuilder("\"");
            foreach (byte b in content.Take(400))
            {
                sb.Append(b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
            }

            return sb.Append(content.Length > 400 ? $"...\" ({content.Length} bytes)" : "\"").ToString();
        }

        private static int Lines(byte[] content) => content.AsSpan().Count((byte)'\n') + 1;

        private string? RunCase(string path, string valid, byte[] content, ReadOptions options, bool asValidation)
        {
            try
            {
                var d = asValidation ? InteractionReader.Read(valid, path, options: options) : InteractionReader.Read(path, options: options);
                Read++;
                return DatasetProblem(d, content, asValidation);
            }
            catch (DataFormatException e)
            {
                Rejected++;
                int lines = e.File == path ? Lines(content) : 3;
                return e.File != path && e.File != valid ? $"names file '{e.File}': {e.Message}"
                    : e.Line < 0 || e.Line > lines ? $"line {e.Line} outside 0..{lines}: {e.Message}"
                    : !e.Message.StartsWith(e.File + ":", StringComparison.Ordinal) ? $"message does not start with the file: {e.Message}"
                    : e.Line > 0 && !e.Message.StartsWith($"{e.File}:{e.Line}: ", StringComparison.Ordinal) ? $"message does not name the line: {e.Message}"
                    : e.Message.Contains('\n', StringComparison.Ordinal) || e.Message.Contains('\r', StringComparison.Ordinal) ? $"message is not one line: {e.Message}"
                    : null;
            }
            catch (Exception e)
            {
                return $"unexpected {e}";
            }
        }

        private static string? DatasetProblem(Dataset d, byte[] content, bool asValidation)
        {
            var list = asValidation ? d.Validation : d.Train;
            if (list is null || d.Train is null)
            {
                return "missing interaction list";
            }

            foreach (var l in asValidation ? [d.Train, list] : new[] { list })
            {
                long previous = -1;
                for (int k = 0; k < l.Count; k++)
                {
                    int u = l.Users[k], i = l.Items[k];
                    long key = ((long)u << 32) | (uint)i;
                    if ((uint)u >= (uint)d.UserCount || (uint)i >= (uint)d.ItemCount || key <= previous)
                    {
                        return $"interaction {k} ({u}, {i}) outside {d.UserCount} x {d.ItemCount} or out of order";
                    }

                    previous = key;
                }
            }

            return NamesProblem(d.Users, list.Users, content) ?? NamesProblem(d.Items, list.Items, content);
        }

        // Every id read must be written in the file as it is, with no control character.
        private static string? NamesProblem(IdMap map, int[] ids, byte[] content)
        {
            foreach (int id in ids.Distinct().Take(500))
            {
                string name = map.NameOf(id);
                if (name.Any(ch => (ch < 0x20 && ch != '\t') || ch is >= '\u007F' and <= '\u009F'))
                {
                    return $"id '{name}' contains a control character";
                }

                // A quote inside an id is written doubled in the file ("a""b" is a"b).
                if (content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(name)) < 0
                    && content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(name.Replace("\"", "\"\"", StringComparison.Ordinal))) < 0)
                {
                    return $"id '{name}' does not occur in the file";
                }
            }

            return null;
        }
    }
}
