using Spectre.Console;

namespace Baco.Cli;

/// <summary>Where a command writes: tables and JSON to <see cref="Out"/>, progress and errors to <see cref="Error"/>.</summary>
internal sealed class CliIO
{
    public CliIO(TextWriter output, TextWriter error, bool ansi = false)
    {
        Out = output;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!ansi)
        {
            Console.Profile.Width = 200; // redirected or captured output: no terminal to wrap to
        }

        Progress = new StderrProgress(error);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    public IProgress<string> Progress { get; }

    /// <summary>The process's own streams, with colour when stdout is a terminal.</summary>
    public static CliIO FromProcess() => new(GuardedWriter.ForOutput(System.Console.Out), GuardedWriter.ForErrors(System.Console.Error), ansi: !System.Console.IsOutputRedirected);
}
