namespace Baco.Cli;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure inside the tool (a bug): the message, no stack trace unless BACO_DEBUG=1.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: a malformed file, a missing file, an invalid option.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by Ctrl+C.</summary>
    public const int Cancelled = 130;
}
