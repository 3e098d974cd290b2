namespace Baco.Cli;

/// <summary>A problem with what the user asked for (an option, a path): printed without a stack trace, exit code 2.</summary>
internal sealed class CliError(string message) : Exception(message);
