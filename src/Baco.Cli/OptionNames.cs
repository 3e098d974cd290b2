namespace Baco.Cli;

/// <summary>
/// The command-line option behind each library setting, so that a setting the library refuses
/// is reported under the option the user typed ("'--lr': ..."), never as a property name.
/// </summary>
internal static class OptionNames
{
    private static readonly Dictionary<string, string> BySetting = new(StringComparer.Ordinal)
    {
        ["Dim"] = "--dim",
        ["Layers"] = "--layers",
        ["Epochs"] = "--epochs",
        ["BatchSize"] = "--batch",
        ["LearningRate"] = "--lr",
        ["WeightDecay"] = "--weight-decay",
        ["L2Regularization"] = "--reg",
        ["EvalEvery"] = "--eval-every",
        ["Patience"] = "--patience",
        ["ValidationFraction"] = "--val-fraction",
        ["InitStd"] = "--init-std",
        ["CheckpointPath"] = "--checkpoint",
        ["WarmStart"] = "--warm-start",
        ["WarmStartModel"] = "--warm-start",
        ["Previous"] = "--previous",
        ["Passes"] = "--passes",
        ["StopRows"] = "--stop-rows",
        ["RehomeAbove"] = "--rehome-above",
        ["RehomeItemsAbove"] = "--rehome-items-above",
        ["RehomeUsersAfterItems"] = "--rehome-users-after-items",
        ["UserWeights"] = "--user-weights",
        ["ItemWeights"] = "--item-weights",
        ["Method"] = "--method",
        ["Methods"] = "--methods",
        ["Fraction"] = "--budget",
        ["Rows"] = "--budget-rows",
        ["Knob"] = "--gamma",
    };

    /// <summary>The user-facing line for a library error: a refused setting under its option's name, anything else as the library says it.</summary>
    public static string Describe(BacoException ex) => ex switch
    {
        InvalidSettingException s when BySetting.TryGetValue(s.Setting, out var option) => $"'{option}': {s.Reason}",
        Baco.Training.CheckpointException c => $"'--checkpoint': {c.Message}",
        Baco.Training.TrainingDivergedException d => $"{d.Message} (options --lr, --reg, --weight-decay, --init-std)",
        _ => InCliTerms(ex.Message),
    };

    // The reader's advice names its settings in words ("set the format to adjacency"), for the
    // library's users; on the command line it names the option to give.
    private static readonly (string Library, string Cli)[] Phrases =
    [
        ("set the header option to yes", "give --header yes"),
        ("set the header option to no", "give --header no"),
        ("leave the header option to auto", "leave out --header yes"),
        ("set the format to adjacency", "give --format adjacency (or auto)"),
        ("set the format to edge list", "give --format edges"),
        ("the format is set to edge list", "--format edges is given"),
    ];

    /// <summary><paramref name="text"/> with the library's advice on reading files put as the options that follow it.</summary>
    public static string InCliTerms(string text)
    {
        foreach (var (library, cli) in Phrases)
        {
            text = text.Replace(library, cli, StringComparison.Ordinal);
        }

        return text;
    }
}
