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
    public static void Complete(OutputDirectory output, string option, Action<string> writeFiles, TextWriter error)
    {
        try
        {
            output.Complete(writeFiles);
        }
        catch (OutputPathException e)
        {
            throw new CliError($"'{option}': {Display(e.Path)}: {e.Reason}");
        }

        WarnLeftBehind(output, error);
    }

    /// <summary>
    /// Writes what an interrupted run kept, with <paramref name="save"/>, marked partial: into the
    /// prepared directory, unless that holds a finished output, which a partial one never replaces;
    /// then into a sibling OUT.interrupted (or OUT.interrupted-N when that name is taken). Returns where it went.
    /// </summary>
    public static string SavePartial(OutputDirectory prepared, string option, string command, TextWriter error, string?[] inputs, Action<OutputDirectory> save)
    {
        if (!prepared.HoldsFinishedOutput)
        {
            prepared.Partial = true;
            save(prepared);
            return prepared.Target;
        }

        using var aside = PrepareAside(prepared.Target, command, inputs);
        aside.Partial = true;
        error.WriteLine($"note: {Display(prepared.Target)} holds a finished output, which a run that did not finish does not replace: what this run kept goes to {Display(aside.Target)}");
        save(aside);
        return aside.Target;
    }

    /// <summary>
    /// The sibling for what an interrupted run kept: OUT.interrupted, or, when that is taken by
    /// something baco may not replace (the user's own folder, a finished output), OUT.interrupted-2 and so on. The
    /// work is done by then, so a name that is taken must not cost it.
    /// </summary>
    private static OutputDirectory PrepareAside(string target, string command, string?[] inputs)
    {
        const int Tries = 9;
        for (int n = 1; ; n++)
        {
            string path = target + (n == 1 ? ".interrupted" : $".interrupted-{n}");
            try
            {
                var aside = OutputDirectory.Prepare(path, command, inputs.OfType<string>());
                if (!aside.HoldsFinishedOutput)
                {
                    return aside;
                }

                // A finished output of its own there is not replaced by a partial one either.
                aside.Dispose();
                if (n == Tries)
                {
                    throw new OutputPathException(path, "holds a finished output");
                }
            }
            catch (OutputPathException) when (n < Tries)
            {
                // Taken: the next name.
            }
            catch (OutputPathException e)
            {
                throw new CliError($"cannot save what the interrupted run kept: {Display(e.Path)} and the {Tries - 1} names before it are taken ({e.Reason}); free OUT.interrupted and run the same command again");
            }
        }
    }

    /// <summary>Says where the replaced output went when it could not be deleted (another user's files): nothing is left behind silently.</summary>
    public static void WarnLeftBehind(OutputDirectory output, TextWriter error)
    {
        if (output.LeftBehind is { } old)
        {
            error.WriteLine($"baco: warning: the previous output in {Display(output.Target)} was moved to {Display(old)} but could not be deleted (it belongs to another user, or is not writable); delete it yourself");
        }
    }
}
