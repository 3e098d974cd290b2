using Baco.Assignment;
using Baco.Models;

namespace Baco.Cli.Commands;

/// <summary>Checks a directory option names what baco wrote before loading it, so that a wrong path is one line under its option.</summary>
internal static class StoredDirectories
{
    /// <summary>Refuses a path that does not exist, is a file, or holds no assignment.json (a compression, assignment or model directory has one).</summary>
    public static void RequireAssignment(string option, string path)
    {
        RequireDirectory(option, path, "the directory 'baco compress' wrote");
        if (!File.Exists(Path.Combine(path, AssignmentStore.AssignmentFile)))
        {
            throw new CliError($"'{option}': {path} is not an assignment directory written by baco (no {AssignmentStore.AssignmentFile}).");
        }
    }

    /// <summary>Refuses a path that does not exist, is a file, or holds no config.json.</summary>
    public static void RequireModel(string option, string path)
    {
        RequireDirectory(option, path, "the directory 'baco train' wrote");
        if (!File.Exists(Path.Combine(path, ModelStore.ConfigFile)))
        {
            throw new CliError($"'{option}': {path} is not a model directory written by 'baco train' (no {ModelStore.ConfigFile}).");
        }
    }

    private static void RequireDirectory(string option, string path, string expected)
    {
        if (!Directory.Exists(path))
        {
            // A link to nothing reads as a file to File.Exists.
            throw new CliError(new FileInfo(path).LinkTarget is { } target && !File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, target))
                ? $"'{option}': {path} is a symbolic link to {target}, which does not exist."
                : File.Exists(path)
                    ? $"'{option}': {path} is a file; give {expected}."
                    : $"'{option}': {path} does not exist.");
        }
    }
}
