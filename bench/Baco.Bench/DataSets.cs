namespace Baco.Bench;

/// <summary>
/// The one place the benchmarks find their data: the folder named by <c>--data</c> (by default
/// <c>../shared/datasets</c>, relative to the current directory, the repository root), with one
/// folder per data set (<c>beauty/train.tsv</c>, <c>gowalla/test.tsv</c>, ...).
/// </summary>
internal sealed class DataSets(string root)
{
    public const string OptionName = "--data";

    public const string DefaultRoot = "../shared/datasets";

    public string Root { get; } = root;

    /// <summary>The folder of one data set.</summary>
    public string Folder(string dataset) => Path.Combine(Root, dataset);

    /// <summary>A file of a data set; a missing one is a <see cref="MissingInputException"/> naming <c>--data</c>.</summary>
    public string File(string dataset, string file)
    {
        string path = Path.Combine(Root, dataset, file);
        return System.IO.File.Exists(path)
            ? path
            : throw new MissingInputException(OptionName, path, $"{OptionName} names the folder of data sets, default {DefaultRoot} from the repository root");
    }
}

/// <summary>An input file that is not there: reported as one line naming the option and the file, exit code 2.</summary>
internal sealed class MissingInputException(string option, string path, string hint)
    : Exception($"'{option}': {path} not found ({hint}).");
