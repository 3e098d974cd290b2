namespace Baco;

/// <summary>
/// A setting of an options type (training, BACO, a budget) is out of range. <see cref="Setting"/>
/// is the library's property name, so a front end can name its own option instead.
/// </summary>
public sealed class InvalidSettingException : BacoException
{
    /// <summary>Creates the exception for <paramref name="setting"/>, with what is wrong with its value.</summary>
    public InvalidSettingException(string setting, string reason)
        : base($"{setting}: {reason}")
    {
        Setting = setting;
        Reason = reason;
    }

    /// <summary>The property that holds the bad value, e.g. "LearningRate".</summary>
    public string Setting { get; }

    /// <summary>What is wrong with the value, without the setting's name, e.g. "-1 must be positive".</summary>
    public string Reason { get; }
}
