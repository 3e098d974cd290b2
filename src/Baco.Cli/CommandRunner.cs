using Baco.Clustering;
using Baco.Data;

namespace Baco.Cli;

/// <summary>
/// Runs a command body and turns failures into one clear line on stderr and an exit code,
/// never a stack trace (set BACO_DEBUG=1 to see one).
/// </summary>
internal static class CommandRunner
{
    public static int Run(Func<int> body, TextWriter error)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsBadInput(ex))
        {
            error.WriteLine($"baco: error: {ex.Message}");
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
            error.WriteLine($"baco: internal error ({ex.GetType().Name}): {ex.Message}");
            error.WriteLine("baco: this is a bug; please report it with the command line (BACO_DEBUG=1 shows the stack trace).");
            Debug(ex, error);
            return ExitCodes.InternalError;
        }
    }

    private static bool IsBadInput(Exception ex) => ex is CliError or BacoException or DataFormatException or BudgetUnreachableException
        or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or ArgumentException;

    private static void Debug(Exception ex, TextWriter error)
    {
        if (Environment.GetEnvironmentVariable("BACO_DEBUG") == "1")
        {
            error.WriteLine(ex.ToString());
        }
    }
}
