using System.Text.Json.Nodes;
using Baco.Cli;
using Baco.Tests.Cli;

namespace Baco.Tests.Faults;

/// <summary>
/// Every bad option is one line naming the option, exit code 2, never a .NET type or property
/// name; real defects say so with exit code 1, so bad input cannot hide a bug or the reverse.
/// </summary>
[Trait("Category", "Fault")]
public sealed class MessageTests
{
    [Theory]
    [InlineData("baco: error: unknown command 'compres' (did you mean 'compress'?); see 'baco --help'.", "compres")]
    [InlineData("baco: error: unknown option '--gama' for 'baco compress' (did you mean '--gamma'?); see 'baco compress --help'.", "compress", "--gama", "2")]
    [InlineData("baco: error: '--gamma': 'abc' is not a number; see 'baco compress --help'.", "compress", "--gamma", "abc")]
    [InlineData("baco: error: '--gamma': NaN must be a positive number; see 'baco compress --help'.", "compress", "--gamma", "NaN")]
    [InlineData("baco: error: '--dim': 0 must be between 1 and 65,536; see 'baco compress --help'.", "compress", "--dim", "0")]
    [InlineData("baco: error: '--dim': 5600000 must be between 1 and 65,536; see 'baco train --help'.", "train", "--dim", "5600000")]
    [InlineData("baco: error: '--batch': 2147483647 must be between 1 and 16,777,216; see 'baco train --help'.", "train", "--batch", "2147483647")]
    [InlineData("baco: error: '--methods': the value is empty; see 'baco bench --help'.", "bench", "--methods", " ")]
    [InlineData("baco: error: '--val-fraction' holds out validation interactions when there is no --val file; give one or the other.", "train", "--val", "v.tsv", "--val-fraction", "0.3")]
    [InlineData("baco: error: '--passes': 0 must be at least 1; see 'baco train --help'.", "train", "--passes", "0")]
    [InlineData("baco: error: '--lr': 'fast' is not a number; see 'baco train --help'.", "train", "--lr", "fast")]
    [InlineData("baco: error: '--epochs': '1.5' is not a whole number; see 'baco bench --help'.", "bench", "--epochs", "1.5")]
    [InlineData("baco: error: '--seed': -1 must be a whole number, at least 0; see 'baco compress --help'.", "compress", "--seed", "-1")]
    [InlineData("baco: error: '--val-fraction': 1 must be at least 0 and below 1; see 'baco train --help'.", "train", "--val-fraction", "1")]
    [InlineData("baco: error: '--method': 'bacco' is not one of full, baco, graphhash, leiden, scc, lp, doublegraphhash, random, hash, frequency, double, hybrid, lsh (did you mean 'baco'?); see 'baco compress --help'.", "compress", "--method", "bacco")]
    [InlineData("baco: error: '--user-weights': 'pagerank' is not one of cpm, degree, sqrt, log, authors-cpm; see 'baco compress --help'.", "compress", "--user-weights", "pagerank")]
    [InlineData("baco: error: '--top': 0 must be at least 1; see 'baco recommend --help'.", "recommend", "--model", "m", "--user", "u", "-k", "0")]
    [InlineData("baco: error: option '--model' is required; see 'baco recommend --help'.", "recommend", "--user", "u")]
    [InlineData("baco: error: '--top' is given 2 times; give it once; see 'baco recommend --help'.", "recommend", "--model", "m", "--user", "u", "-k", "3", "--top", "4")]
    [InlineData("baco: error: '--dim' is given 2 times; give it once; see 'baco compress --help'.", "compress", "--dim", "8", "--dim", "16")]
    [InlineData("baco: error: '--out': the path is empty; see 'baco compress --help'.", "compress", "--out", " ")]
    [InlineData("baco: error: give at most one of '--gamma', '--budget' and '--budget-rows'.", "compress", "--gamma", "1", "--budget", "0.5")]
    [InlineData("baco: error: '--methods': 'magic' is not a method; choose from full, baco, graphhash, leiden, scc, lp, doublegraphhash, random, hash, frequency, double, hybrid, lsh.", "bench", "--methods", "baco,magic")]
    [InlineData("baco: error: '--methods': 'baco' is listed twice.", "bench", "--methods", "baco,full,baco")]
    [InlineData("baco: error: '--gamma' sets one method's knob, but bench compares every method at the same budget: give '--budget' or '--budget-rows' (use 'baco train --gamma' for one method).", "bench", "--gamma", "2")]
    [InlineData("baco: error: '--budget' sizes a compressed table, but '--methods full' keeps every row: drop one of them.", "bench", "--methods", "full", "--budget", "0.1")]
    [InlineData("baco: error: '--eval-every 5' is above '--epochs 2': no validation would run; lower it, or give 0 for none.", "train", "--eval-every", "5", "--epochs", "2")]
    [InlineData("baco: error: '--val-fraction' holds out interactions for validation, which '--eval-every 0' switches off: drop one of them.", "train", "--eval-every", "0", "--val-fraction", "0.3")]
    [InlineData("baco: error: '--patience' acts on validation, but '--val-fraction 0' without '--val' leaves none: drop one of them.", "train", "--val-fraction", "0", "--patience", "3")]
    [InlineData("baco: error: '--eval-every' acts on validation, but '--val-fraction 0' without '--val' leaves none: drop one of them.", "bench", "--val-fraction", "0", "--eval-every", "1")]
    [InlineData("baco: error: '--seed': 99999999999999999999 is too large (the limit is 2,147,483,647); seed must be a whole number, at least 0; see 'baco compress --help'.", "compress", "--seed", "99999999999999999999")]
    [InlineData("baco: error: '--json' is a switch and takes no value (unexpected 'yes'): give it alone to turn it on; see 'baco compress --help'.", "compress", "--json", "yes")]
    [InlineData("baco: error: '--budget' chooses how to compress, but '--assignment' gives the compression: drop one of them.", "train", "--assignment", "a", "--budget", "0.1")]
    [InlineData("baco: error: '--val' and '--test' need '--train': they are read against the training file's id space.", "compress", "--test", "t.tsv", "--out", "/tmp/baco-never-written")]
    [InlineData("baco: error: '--assignment': /tmp/baco-no-such-assignment does not exist.", "train", "--assignment", "/tmp/baco-no-such-assignment", "--out", "/tmp/baco-never-written")]
    [InlineData("baco: error: '--model': /tmp/baco-no-such-model does not exist.", "recommend", "--model", "/tmp/baco-no-such-model", "--user", "u")]
    [InlineData("baco: error: '--passes' is a setting of BACO, but '--method graphhash' does not use it: drop it or use --method baco.", "compress", "--method", "graphhash", "--passes", "10")]
    [InlineData("baco: error: '--gamma' sizes a compressed table, but '--method full' keeps every row: drop one of them.", "train", "--method", "full", "--gamma", "2")]
    [InlineData("baco: error: '--layers' sets LightGCN's propagation, but '--model mf' has none: drop one of them.", "train", "--model", "mf", "--layers", "3")]
    [InlineData("baco: error: '--layers' sets LightGCN's propagation, but '--model mf' has none: drop one of them.", "bench", "--methods", "random", "--model", "mf", "--layers", "3")]
    [InlineData("baco: error: '--patience' stops training on validation, which '--eval-every 0' switches off: drop one of them.", "train", "--eval-every", "0", "--patience", "5")]
    [InlineData("baco: error: '--methods': 'baco,,random' has an empty entry; separate the method names with single commas, e.g. full,baco,graphhash.", "bench", "--methods", "baco,,random")]
    [InlineData("baco: error: '--test' is required with '--train': every method is evaluated on the test interactions.", "bench", "--train", "/tmp/baco-no-such-train.tsv", "--out", "/tmp/baco-never-written")]
    public void ABadOptionIsOneLineNamingItWithExitCodeTwo(string expected, params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal(expected, OutputSafetyTests.OneLine(stderr));
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void NoArgumentsShowsHelpAndIsAUsageError()
    {
        var (code, stdout, _) = CliRunner.Run();
        Assert.Equal(2, code);
        Assert.Contains("compress", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ADanglingLinkAsAModelIsNamedAsALink()
    {
        // File.Exists is true for a link to nothing: it was "is a file; give the directory".
        using var tmp = new TempDirectory();
        string link = tmp["model-link"];
        File.CreateSymbolicLink(link, tmp["gone"]);
        foreach (string[] args in new[] { new[] { "recommend", "--model", link, "--user", "u" }, ["train", "--warm-start", link, "--out", tmp["m"]] })
        {
            var (code, _, err) = CliRunner.Run(args);
            Assert.Equal(2, code);
            Assert.Matches($"^baco: error: '--(model|warm-start)': {System.Text.RegularExpressions.Regex.Escape(link)} is a symbolic link to .*gone, which does not exist\\.$", OutputSafetyTests.OneLine(err));
        }
    }

    [Fact]
    public void AKnobOutsideTheMethodsRangeIsRefusedNotCut()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--gamma", "2.5", "--out", tmp["a"]);
        Assert.Equal(2, code);
        Assert.Equal("baco: error: '--gamma': 2.5 must be a whole number for this method (its knob counts rows or clusters)", OutputSafetyTests.OneLine(err));

        (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--gamma", "1000", "--out", tmp["a"]);
        Assert.Equal(2, code);
        Assert.Equal("baco: error: '--gamma': 1000 is outside this method's range, 2 to 70 on this graph", OutputSafetyTests.OneLine(err));
        Assert.False(Directory.Exists(tmp["a"]));
    }

    [Fact]
    public void TheReadersAdviceNamesTheOptionsInErrorsAndWarnings()
    {
        using var tmp = new TempDirectory();
        var (code, _, err) = CliRunner.Run("compress", "--train", tmp.File("ragged.csv", "u1,i1\nu2,i2\nu3,i3,5\n"), "--out", tmp["a"]);
        Assert.Equal(2, code);
        Assert.EndsWith("(for LightGCN adjacency lists give --format adjacency (or auto); to ignore extra columns give --format edges)", err.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("set the", err, StringComparison.Ordinal);

        var warned = CliRunner.Run("compress", "--train", tmp.File("adj.txt", "0 1 2 3\n1 2\n2 0 3\n3 1 2 3 0\n"), "--format", "edges", "--gamma", "1", "--out", tmp["b"]);
        Assert.Equal(0, warned.Code);
        Assert.Contains("but --format edges is given, which reads the first two fields of each line only; if each line lists a user's items, give --format adjacency (or auto)", warned.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ABudgetAboveTheFullTableIsNoted()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        var (code, _, err) = CliRunner.Run("compress", "--train", train, "--method", "random", "--budget-rows", "500", "--out", tmp["a"]);
        Assert.Equal(0, code);
        Assert.Contains("note: the budget (budget 500 rows) is at least the full table (70 rows of 64); the result is not compressed.", err, StringComparison.Ordinal);

        // BACO's search still shares rows there (its secondary indices cost parameters): said so, with the share.
        var baco = CliRunner.Run("compress", "--train", train, "--budget", "1", "--out", tmp["b"]);
        Assert.Equal(0, baco.Code);
        double ratio = JsonNode.Parse(File.ReadAllText(Path.Combine(tmp["b"], "summary.json")))!["ratio"]!.GetValue<double>();
        Assert.True(ratio < 1, $"ratio {ratio}");
        Assert.Contains(FormattableString.Invariant($"is at least the full table (70 rows of 64); baco still shares rows: its table is {ratio:P1} of the full one."), baco.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ALibrarySettingIsReportedUnderItsOption()
    {
        Assert.Equal("'--lr': -1 must be a positive number", OptionNames.Describe(new InvalidSettingException("LearningRate", "-1 must be a positive number")));
        Assert.Equal("Unknown: x", OptionNames.Describe(new InvalidSettingException("Unknown", "x")));
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(ArgumentException))]
    [InlineData(typeof(NullReferenceException))]
    public void ADefectIsExitCodeOneAndSaysItIsABug(Type type)
    {
        var error = new StringWriter();
        int code = CommandRunner.Run(() => throw (Exception)Activator.CreateInstance(type, "boom")!, error);
        Assert.Equal(1, code);
        Assert.Contains($"internal error ({type.Name}): boom", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("this is a bug", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLibraryInputErrorIsExitCodeTwo()
    {
        var error = new StringWriter();
        Assert.Equal(2, CommandRunner.Run(() => throw new Baco.Data.UnusableDataException("no negatives"), error));
        Assert.Equal("baco: error: no negatives", error.ToString().Trim());
    }

    [Fact]
    public void BenchExitsTwoWhenEveryMethodFailsOnBadInputAndStillWritesTheTable()
    {
        using var tmp = new TempDirectory();
        string train = tmp.File("train.tsv", CliRunner.SmallEdges());
        string test = tmp.File("test.tsv", "user\titem\nu1\tbook-1-9\n");
        var (code, stdout, _) = CliRunner.Run("bench", "--train", train, "--test", test, "--methods", "baco,lp", "--budget-rows", "1",
            "--model", "mf", "--dim", "4", "--epochs", "1", "--eval-every", "0", "--out", tmp["b"]);
        Assert.Equal(2, code);
        Assert.Contains("failed", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(tmp["b"], "results.json")));
    }

    [Fact]
    public void APipeAsInputIsBadInputNotABug()
    {
        using var tmp = new TempDirectory();
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"printf 'a\\tb\\n' | exec dotnet '{Path.Combine(AppContext.BaseDirectory, "Baco.Cli.dll")}' compress --train /dev/stdin --out '{tmp["o"]}'");
        using var process = System.Diagnostics.Process.Start(start)!;
        string err = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(2, process.ExitCode);
        Assert.EndsWith("is a pipe or a device, not a regular file; save the interactions to a file first", OutputSafetyTests.OneLine(err), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"format_version\": 2, \"dim\": \"sixty\" }", "not a valid model config: the value at dim has the wrong type or is out of range")]
    [InlineData("", "not a valid model config: the file is empty or cut short")]
    [InlineData("{ \"format_version\": 2, ", "not a valid model config: the file is empty or cut short")]
    public void ABrokenModelConfigIsDescribedWithoutDotNetInternals(string config, string reason)
    {
        // config.json is read first, so the rest of a model directory does not matter here.
        using var tmp = new TempDirectory();
        string model = tmp["m"];
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "config.json"), config);
        var (code, _, err) = CliRunner.Run("recommend", "--model", model, "--user", "u1");
        Assert.Equal(2, code);
        Assert.EndsWith(reason, OutputSafetyTests.OneLine(err), StringComparison.Ordinal);
        Assert.DoesNotContain("Baco.", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceAsCheckpointIsRefusedWithoutAdvisingToDeleteIt()
    {
        var (code, _, err) = CliRunner.Run("train", "--method", "random", "--checkpoint", "/dev/null", "--out", "/tmp/baco-never-written");
        Assert.Equal(2, code);
        Assert.Equal("baco: error: '--checkpoint': /dev/null: is a device or a pipe, not a regular file; give the path of a file", OutputSafetyTests.OneLine(err));
    }
}
