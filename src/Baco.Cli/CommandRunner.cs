namespace Baco.Cli;

/// <summary>
/// Runs a command and turns failures into one clear line on stderr and an exit code, never a
/// stack trace (set BACO_DEBUG=1 to see one). Exactly the library's <see cref="BacoException"/>
/// family, the CLI's own <see cref="CliError"/> and a stdout that cannot be written
/// (<see cref="StandardOutputException"/>) are the user's input or environment (exit 2); anything
/// else is a defect and says so (exit 1).
/// </summary>
internal static class CommandRunner
{
    public static int Run(Func<int> body, TextWriter error)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is CliError or StandardOutputException)
        {
            error.WriteLine($"baco: error: {ex.Message}");
            Debug(ex, error);
            return ExitCodes.BadInput;
        }
        catch (BacoException ex)
        {
            error.WriteLine($"baco: error: {OptionNames.Describe(ex)}");
            Debug(ex, error);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("baco: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            error.WriteLine($"baco: internal error ({ex.GetType().Name}): {ex.Message.ReplaceLineEndings(" ")}");
            error.WriteLine("baco: this is a bug; please report it with the command line (BACO_DEBUG=1 shows the stack trace).");
            Debug(ex, error);
            return ExitCodes.InternalError;
        }
    }

    private static void Debug(Exception ex, TextWriter error)
    {
        if (Environment.GetEnvironmentVariable("BACO_DEBUG") == "1")
        {
            error.WriteLine(ex.ToString());
        }
    }
}
