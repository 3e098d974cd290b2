using System.Globalization;
using Baco.Clustering;

namespace Baco.Tests.Clustering.Budget;

/// <summary>The target's text goes into summary.json: it may not follow the reader's locale.</summary>
public sealed class CompressionTargetTextTests
{
    [Fact]
    public void TheTargetIsWrittenWithAPointWhateverTheCurrentCulture()
    {
        // A culture with a decimal comma, built by hand: the tests run with invariant globalization.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture));
            Assert.Equal("budget 0.5 of the full table", CompressionTarget.Fraction(0.5).ToString());
            Assert.Equal("budget 9000 rows", CompressionTarget.Rows(9000).ToString());
            Assert.Equal("knob 1.25", CompressionTarget.Knob(1.25).ToString());
            var refused = Assert.Throws<InvalidSettingException>(() => CompressionTarget.Fraction(1.5));
            Assert.Contains("1.5 must be a fraction in (0, 1]", refused.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void ATargetBuiltWithoutTheFactoriesIsCheckedWhenItBecomesABudget()
    {
        var two = Assert.Throws<InvalidSettingException>(() => new CompressionTarget(TargetKind.Fraction, 2).BudgetParameters(10, 10, 4));
        Assert.Contains("2 must be a fraction in (0, 1]", two.Message);
        Assert.Throws<InvalidSettingException>(() => default(CompressionTarget).BudgetParameters(10, 10, 4));
        Assert.Throws<InvalidSettingException>(() => new CompressionTarget(TargetKind.Rows, 2.5).BudgetParameters(10, 10, 4));
        Assert.Equal(40, new CompressionTarget(TargetKind.Fraction, 0.5).BudgetParameters(10, 10, 4));
        Assert.Equal(12, new CompressionTarget(TargetKind.Rows, 3).BudgetParameters(10, 10, 4));
    }
}
