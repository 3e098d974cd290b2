namespace Baco;

/// <summary>
/// A problem with what the caller supplied (a file, a setting, a stored state) that the caller
/// can fix: the message is written for the person who gave the input, in their ids and paths.
/// Anything else Baco throws is a defect. Front ends map exactly this family to "bad input".
/// </summary>
public abstract class BacoException : Exception
{
    /// <summary>Creates the exception with a message meant for the user.</summary>
    protected BacoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message meant for the user and the failure behind it.</summary>
    protected BacoException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
