using TheoryLab.Text;

namespace TheoryLab.Tests.Text;

public class NumberTextTests
{
    [Theory]
    [InlineData(0.05, "0.05")]
    [InlineData(1200, "1200")]
    [InlineData(12345, "12300")]
    [InlineData(0.0012345, "0.00123")]
    [InlineData(1e-6, "10⁻⁶")]
    [InlineData(2.5e-7, "2.5·10⁻⁷")]
    [InlineData(-3e-9, "−3·10⁻⁹")]
    [InlineData(9.999e-5, "10⁻⁴")]
    [InlineData(1.5e6, "1.5·10⁶")]
    [InlineData(0, "0")]
    public void Short_WritesProseNumbers_NeverComputerNotation(double value, string expected) =>
        Assert.Equal(expected, NumberText.Short(value));

    [Theory]
    [InlineData(1e-5, "10⁻⁵")]
    [InlineData(0.0125, "0.0125")]
    [InlineData(0.123456, "0.123456")]
    [InlineData(3.25e-8, "3.25·10⁻⁸")]
    public void Prose_KeepsTheDigitsAUserSet(double value, string expected) =>
        Assert.Equal(expected, NumberText.Prose(value));

    [Fact]
    public void Count_IsSingularForOne() => Assert.Equal(("1 seed", "3 seeds", "0 seeds"), (NumberText.Count(1, "seed"), NumberText.Count(3, "seed"), NumberText.Count(0, "seed")));

    [Fact]
    public void Short_IsTypesetAsAPowerOfTen() =>
        Assert.Equal(@"$10^{-6}$", LatexText.From(NumberText.Short(1e-6)));
}
