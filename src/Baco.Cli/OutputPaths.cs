using Baco.IO;

namespace Baco.Cli;

/// <summary>Reserves an output directory before any work, reporting a refusal under the option that named it.</summary>
internal static class OutputPaths
{
    /// <summary>
    /// Validates and reserves <paramref name="path"/> (see <see cref="OutputDirectory.Prepare"/>);
    /// <paramref name="inputs"/> are the run's input files and directories (nulls skipped).
    /// </summary>
    public static OutputDirectory Prepare(string option, string path, string command, params string?[] inputs)
    {
        try
        {
            return OutputDirectory.Prepare(path, command, inputs.OfType<string>());
        }
        catch (OutputPathException e)
        {
            throw new CliError($"'{option}': {Display(e.Path)}: {e.Reason}");
        }
    }

    /// <summary>A path as messages show it: whole, unless it is too long to read.</summary>
    public static string Display(string path) => path.Length <= 160 ? path : $"{path[..60]}...{path[^60..]} ({path.Length:N0} characters)";

    /// <summary>Writes the files into the prepared directory and publishes it, reporting a failure under the option that named it.</summary>
    public static void Complete(OutputDirectory output, string option, Action<string> writeFiles)
    {
        try
        {
            output.Complete(writeFiles);
        }
        catch (OutputPathException e)
        {
            throw new CliError($"'{option}': {Display(e.Path)}: {e.Reason}");
        }
    }
}
