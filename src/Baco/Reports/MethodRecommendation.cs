using System.Globalization;
using Baco.Evaluation;
using Baco.Workflows;

namespace Baco.Reports;

/// <summary>
/// The compressed table a comparison recommends: the most accurate method it measured at the
/// budget, whichever it is (BACO is not favoured). The choice is made on validation Recall@K,
/// the figure early stopping watched, so the test figures it quotes stay untouched by it; only
/// when no method has validation figures (training without evaluation) is it made on test, and
/// <see cref="ChosenOnTest"/> says so.
/// </summary>
/// <param name="Method">The recommended method.</param>
/// <param name="K">The cut-off of the Recall it was chosen by.</param>
/// <param name="ChosenOnTest">True when no validation figures existed and test Recall@K decided.</param>
/// <param name="Score">The Recall@K it was chosen by (validation, or test when <paramref name="ChosenOnTest"/>).</param>
/// <param name="Test">Its test metrics.</param>
/// <param name="VersusFull">Its test Recall@K relative to the full model's (e.g. -0.05), or null without a full model.</param>
/// <param name="BacoVersusIt">BACO's test Recall@K relative to the recommended method's, or null when BACO is recommended or was not measured.</param>
public sealed record MethodRecommendation(string Method, int K, bool ChosenOnTest, double Score, RankingMetrics Test, double? VersusFull, double? BacoVersusIt)
{
    /// <summary>Other methods with exactly the recommended one's score (<see cref="Describe"/> names them), in the comparison's order.</summary>
    public IReadOnlyList<string> TiedWith { get; init; } = [];

    /// <summary>
    /// The recommendation among the successful compressed methods (every method but "full"), or
    /// null when none succeeded. A tie goes to the method with fewer parameters, then to the
    /// name first in ordinal order, never to the order the methods were listed in; the methods tied
    /// with it are recorded (<see cref="TiedWith"/>).
    /// </summary>
    public static MethodRecommendation? Choose(IReadOnlyList<MethodOutcome> outcomes, int k = ComparisonReport.DefaultHeadlineK)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var candidates = outcomes.Where(o => o.Succeeded && o.Method != "full").ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // Validation decides when every candidate has it; a mix would compare unlike figures.
        bool onTest = candidates.Any(o => o.Training!.Validation is null);
        double Score(MethodOutcome o) => (onTest ? o.Training!.Test! : o.Training!.Validation!).RecallAt(k);
        static long Parameters(MethodOutcome o) => o.Compression?.Assignment.Parameters(o.Training!.Model?.Dim ?? 1) ?? long.MaxValue;
        var chosen = candidates
            .OrderByDescending(Score)
            .ThenBy(Parameters)
            .ThenBy(o => o.Method, StringComparer.Ordinal)
            .First();
        string[] tied = [.. candidates.Where(o => o != chosen && Score(o) == Score(chosen)).Select(o => o.Method)];

        var test = chosen.Training!.Test!;
        double headline = test.RecallAt(k);
        double? versusFull = ComparisonReport.Recall(outcomes.FirstOrDefault(o => o.Method == "full"), k) is double full && full > 0
            ? (headline / full) - 1
            : null;
        double? baco = chosen.Method != "baco" && headline > 0 && ComparisonReport.Recall(candidates.FirstOrDefault(o => o.Method == "baco"), k) is double b
            ? (b / headline) - 1
            : null;
        return new MethodRecommendation(chosen.Method, k, onTest, Score(chosen), test, versusFull, baco) { TiedWith = tied };
    }

    /// <summary>One sentence for the report and the console, figures in %.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        string basis = ChosenOnTest
            ? string.Format(c, "by test Recall@{0} ({1:F3} %; no validation figures were measured)", K, Score * 100)
            : string.Format(c, "by validation Recall@{0} ({1:F3} %)", K, Score * 100);
        string testFigures = string.Format(c, "test R@{0} {1:F3} %, N@{0} {2:F3} %", K, Test.RecallAt(K) * 100, Test.NdcgAt(K) * 100);
        string full = VersusFull is double f ? string.Format(c, ", {0:+0.0%;-0.0%;0.0%} against the full model", f) : string.Empty;
        string baco = BacoVersusIt is double b ? string.Format(c, ". BACO's test Recall@{0} is {1:+0.0%;-0.0%;0.0%} against it", K, b) : string.Empty;
        if (TiedWith.Count > 0)
        {
            return $"Recommended at this budget: {Method}, tied for the most accurate compressed table with {string.Join(", ", TiedWith)} {basis} (of the tied, the one with the fewest parameters, then first by name): {testFigures}{full}{baco}.";
        }

        return $"Recommended at this budget: {Method}, the most accurate compressed table {basis}: {testFigures}{full}{baco}.";
    }
}
