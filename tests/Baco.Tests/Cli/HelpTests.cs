namespace Baco.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public void NoArgumentsPrintsHelpNamedAfterTheTool()
    {
        var (code, output, _) = CliRunner.Run();
        Assert.Equal(2, code); // no command is a usage error, though help is shown
        Assert.Contains("Usage:\n  baco [command] [options]", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        foreach (var command in new[] { "compress", "train", "recommend", "bench", "demo" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SubcommandHelpUsesTheToolName()
    {
        var (code, output, _) = CliRunner.Run("train", "--help");
        Assert.Equal(0, code);
        Assert.Contains("baco train [options]", output, StringComparison.Ordinal);
        Assert.Contains("--budget-rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommandIsExitCodeTwoWithAHint()
    {
        var (code, _, error) = CliRunner.Run("nosuch");
        Assert.Equal(2, code);
        Assert.Contains("baco: error:", error, StringComparison.Ordinal);
        Assert.Contains("'nosuch'", error, StringComparison.Ordinal);
        Assert.Contains("baco --help", error, StringComparison.Ordinal);
    }
}
