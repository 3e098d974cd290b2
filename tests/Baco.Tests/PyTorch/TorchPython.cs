using System.Diagnostics;
using System.Text.Json;

namespace Baco.Tests.PyTorch;

/// <summary>
/// Runs docs/pytorch/baco_torch.py (copied beside the test binaries) under a Python that can
/// import torch and numpy: $BACO_PYTHON, else python3 on PATH, else /usr/bin/python3 (Debian's,
/// where python3-torch installs). Tests call <see cref="Require"/>, which skips them when there is none.
/// </summary>
internal static class TorchPython
{
    // Runs each argument list as `python3 baco_torch.py ARGS` in one process (torch is imported
    // once): runpy executes the script as __main__, so exit codes and output are the program's.
    private const string Driver = """
        import contextlib, io, json, runpy, sys
        script, runs = sys.argv[1], json.loads(sys.argv[2])
        results = []
        for argv in runs:
            sys.argv = [script] + argv
            out, err, code = io.StringIO(), io.StringIO(), 0
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    runpy.run_path(script, run_name="__main__")
                except SystemExit as e:
                    code = e.code if isinstance(e.code, int) else 1
            results.append({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
        versions = {m: sys.modules[m].__version__ for m in ("torch", "numpy") if m in sys.modules}
        print(json.dumps({"python": sys.executable, "versions": versions, "results": results}))
        """;

    // Finds the packages without importing torch (a second or more); a broken install then fails the test.
    private const string Probe = "import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in ('numpy', 'torch')) else 1)";

    private static readonly Lazy<(string? Python, string Tried)> Found = new(Find);

    /// <summary>The script the tests run: the repository's docs/pytorch/baco_torch.py, copied at build time.</summary>
    public static string Script => Path.Combine(AppContext.BaseDirectory, "pytorch", "baco_torch.py");

    /// <summary>The interpreter, or skips the test saying what was tried.</summary>
    public static string Require()
    {
        var (python, tried) = Found.Value;
        if (python is null)
        {
            Assert.Skip($"no Python with torch and numpy (tried {tried}); install python3-torch and python3-numpy, or set BACO_PYTHON");
        }

        return python;
    }

    /// <summary>
    /// One run of the script per argument list, in order, in one process; <c>Where</c> names the
    /// interpreter and the torch and numpy versions it used.
    /// </summary>
    public static (IReadOnlyList<ScriptRun> Runs, string Where) RunScript(params string[][] runs)
    {
        string python = Require();
        var (code, stdout, stderr) = Run(python, ["-c", Driver, Script, JsonSerializer.Serialize(runs)], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"{python} failed ({code}): {stderr}");
        var root = JsonDocument.Parse(stdout).RootElement;
        var versions = root.GetProperty("versions").EnumerateObject().Select(v => $"{v.Name} {v.Value.GetString()}");
        string where = $"{root.GetProperty("python").GetString()}, {string.Join(", ", versions)}";
        return ([.. root.GetProperty("results").EnumerateArray().Select(r => new ScriptRun(r.GetProperty("code").GetInt32(), r.GetProperty("stdout").GetString()!, r.GetProperty("stderr").GetString()!))], where);
    }

    private static (string? Python, string Tried) Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("BACO_PYTHON") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add("python3");
        candidates.Add("/usr/bin/python3");
        foreach (string candidate in candidates)
        {
            try
            {
                if (Run(candidate, ["-c", Probe], TimeSpan.FromSeconds(60)).Code == 0)
                {
                    return (candidate, string.Join(", ", candidates));
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed: try the next one.
            }
        }

        return (null, string.Join(", ", candidates));
    }

    private static (int Code, string Stdout, string Stderr) Run(string program, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            process.WaitForExit();
            return (-1, stdout.Result, $"timed out after {timeout.TotalSeconds} s: {stderr.Result}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>What one run of the script returned: exit code, stdout, stderr.</summary>
internal sealed record ScriptRun(int Code, string Stdout, string Stderr);
