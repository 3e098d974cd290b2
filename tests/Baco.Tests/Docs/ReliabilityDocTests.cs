using System.Reflection;
using System.Text.RegularExpressions;

namespace Baco.Tests.Docs;

/// <summary>
/// docs/RELIABILITY.md promises that every row is kept true by a named test and that
/// <c>--filter "Category=Fault"</c> runs them: each name in its test column (or on a "Test:" line)
/// must be a test of this assembly, and that test or its class must carry the Fault trait.
/// </summary>
public partial class ReliabilityDocTests
{
    [Fact]
    public void EveryTestTheContractNamesExistsAndIsInTheFaultSuite()
    {
        string doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RELIABILITY.md"));
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in doc.Split('\n'))
        {
            string? cited = line.StartsWith('|') ? line.Trim().Trim('|').Split('|')[^1]
                : line.StartsWith("Test", StringComparison.Ordinal) ? line : null;
            if (cited is null)
            {
                continue;
            }

            foreach (Match m in TestName().Matches(cited))
            {
                names.Add(m.Groups[1].Value);
            }
        }

        Assert.True(names.Count > 50, $"only {names.Count} test names found in RELIABILITY.md: the parsing no longer matches the page");
        var classes = typeof(ReliabilityDocTests).Assembly.GetTypes().Where(t => t.IsClass && t.IsPublic).ToList();
        var tests = classes.SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()).Select(m => (Class: c, Method: m))).ToList();
        var problems = new List<string>();
        foreach (string name in names)
        {
            string[] parts = name.Split('.');
            var (cls, method) = parts.Length == 2 ? (parts[0], parts[1]) : (null, parts[0]);
            if (method == "*" || (cls is null && method.EndsWith("Tests", StringComparison.Ordinal)))
            {
                var type = classes.FirstOrDefault(c => c.Name == (cls ?? method));
                if (type is null)
                {
                    problems.Add($"{name}: no such test class");
                }
                else if (!IsFault(type))
                {
                    problems.Add($"{name}: the class has no Category=Fault trait");
                }

                continue;
            }

            var found = tests.Where(t => t.Method.Name == method && (cls is null || t.Class.Name == cls)).ToList();
            if (found.Count == 0)
            {
                problems.Add($"{name}: no such test");
            }
            else if (!found.Any(t => IsFault(t.Method) || IsFault(t.Class)))
            {
                problems.Add($"{name}: neither the test nor its class has a Category=Fault trait");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static bool IsFault(MemberInfo member) => member.GetCustomAttributesData().Any(a =>
        a.AttributeType.Name == "TraitAttribute" && a.ConstructorArguments.Count == 2
        && (string?)a.ConstructorArguments[0].Value == "Category" && (string?)a.ConstructorArguments[1].Value == "Fault");

    // A backticked identifier in PascalCase, optionally qualified by its class (or Class.*).
    [GeneratedRegex(@"`((?:[A-Z][A-Za-z0-9]*\.)?(?:[A-Z][A-Za-z0-9]*|\*))`")]
    private static partial Regex TestName();
}
