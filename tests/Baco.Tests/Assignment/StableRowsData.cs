using Baco.Tests.Cli;

namespace Baco.Tests.Assignment;

/// <summary>Files for the --previous and --warm-start tests: a training file, a changed one and a test file.</summary>
internal static class StableRowsData
{
    /// <summary>
    /// <see cref="CliRunner.SmallEdges"/> split into train (4 of 5 lines) and test (every 5th);
    /// the changed training file drops user u1's interactions, adds new users n0..n3 and items
    /// new-0..new-2, and links the two communities more.
    /// </summary>
    public static (string Train, string Changed, string Test) Files(TempDirectory tmp)
    {
        var lines = CliRunner.SmallEdges().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var train = new List<string> { lines[0] };
        var test = new List<string> { lines[0] };
        for (int k = 1; k < lines.Length; k++)
        {
            (k % 5 == 0 ? test : train).Add(lines[k]);
        }

        var changed = train.Where(l => !l.StartsWith("u1\t", StringComparison.Ordinal)).ToList();
        for (int n = 0; n < 4; n++)
        {
            for (int k = 0; k < 5; k++)
            {
                changed.Add($"n{n}\tbook-0-{(n + k) % 15}\t3");
            }

            changed.Add($"n{n}\tnew-{n % 3}\t4");
        }

        for (int u = 2; u < 12; u += 2)
        {
            changed.Add($"u{u}\tbook-1-{u}\t2");
        }

        return (tmp.File("train.tsv", string.Join('\n', train) + "\n"), tmp.File("changed.tsv", string.Join('\n', changed) + "\n"), tmp.File("test.tsv", string.Join('\n', test) + "\n"));
    }

    /// <summary>Runs the CLI and fails the test with its stderr unless it exits 0.</summary>
    public static string Ok(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, $"{string.Join(' ', args)}: exit {code}: {stderr}");
        return stdout + stderr;
    }

    /// <summary>Runs the CLI, expects exit code 2 with exactly one error line and no .NET internals; returns stderr.</summary>
    public static string BadInput(params string[] args)
    {
        var (code, _, err) = CliRunner.Run(args);
        Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}: {err}");
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("baco: error", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", err);
        Assert.DoesNotContain("   at ", err);
        return err;
    }
}
