using Baco.Tests.TestSupport;
using PublicApiGenerator;

namespace Baco.Tests.Architecture;

/// <summary>
/// The Baco assembly's public API, rendered as C# declarations (PublicApiGenerator), must match
/// the checked-in PublicApi.approved.txt beside this file, so that every change to what a program
/// can call is seen in review. On a mismatch the test writes PublicApi.received.txt next to the
/// approved file (git ignores it) and says how to accept the change.
/// </summary>
public sealed class PublicApiTests
{
    private const string ApprovedName = "PublicApi.approved.txt";
    private const string ReceivedName = "PublicApi.received.txt";

    [Fact]
    public void ThePublicApiIsTheApprovedOne()
    {
        string folder = Path.Combine(Repository.Root(), "tests", "Baco.Tests", "Architecture");
        string approvedPath = Path.Combine(folder, ApprovedName);
        string receivedPath = Path.Combine(folder, ReceivedName);
        string received = Render(typeof(BacoException).Assembly);
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;

        if (received == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(Mismatch(approved, received, approvedPath, receivedPath));
    }

    [Fact]
    public void AMismatchNamesTheChangedDeclarationsAndHowToAccept()
    {
        string message = Mismatch("namespace Baco\n{\n    public class A { }\n}\n", "namespace Baco\n{\n    public class A { }\n    public class B { }\n}\n", "/r/approved.txt", "/r/received.txt");

        Assert.Contains("+     public class B { }", message, StringComparison.Ordinal);
        Assert.DoesNotContain("public class A", message, StringComparison.Ordinal);
        Assert.Contains("cp /r/received.txt /r/approved.txt", message, StringComparison.Ordinal);
    }

    /// <summary>The public API as text: one declaration a line, namespaces in order, "\n" line ends, no assembly attributes.</summary>
    internal static string Render(System.Reflection.Assembly assembly)
    {
        var options = new ApiGeneratorOptions { IncludeAssemblyAttributes = false };
        return assembly.GeneratePublicApi(options).ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }

    /// <summary>The failure message: the lines only one side has (at most 60), and how to accept the change.</summary>
    internal static string Mismatch(string approved, string received, string approvedPath, string receivedPath)
    {
        var before = approved.Split('\n').ToHashSet(StringComparer.Ordinal);
        var after = received.Split('\n').ToHashSet(StringComparer.Ordinal);
        var changes = approved.Split('\n').Where(l => !after.Contains(l)).Select(l => $"- {l}")
            .Concat(received.Split('\n').Where(l => !before.Contains(l)).Select(l => $"+ {l}"))
            .ToList();
        string shown = string.Join('\n', changes.Take(60)) + (changes.Count > 60 ? $"\n... and {changes.Count - 60} more lines" : string.Empty);
        return $"The public API of the Baco assembly is not the approved one ({approvedPath}).\n"
            + $"Lines removed (-) and added (+):\n{shown}\n"
            + $"If the change is intended, accept it: cp {receivedPath} {approvedPath} "
            + "(the received file holds the whole new API), review `git diff` of the approved file and commit it with the change.";
    }
}
