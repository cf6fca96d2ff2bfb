namespace TheoryLab.Tests.Text;

public class LatexTextTests
{
    [Theory]
    [InlineData("σ_w²", "$\\sigma_{w}^{2}$")]
    [InlineData("χ₁", "$\\chi_{1}$")]
    [InlineData("depth L", "depth L")]
    [InlineData("50% of x_1 & y", "50\\% of x\\_1 \\& y")]
    [InlineData("q* ≈ 0.5", "q* $\\approx$ 0.5")]
    [InlineData("10⁻³", "10$^{-3}$")]
    [InlineData("log₁₀ χ₁", "log$_{10}$ $\\chi_{1}$")]
    [InlineData("k < 30", "k $<$ 30")]
    [InlineData("½ xᵀAx", "$\\frac{1}{2}$ x$^{T}$Ax")]
    [InlineData("Schrödinger", "Schrödinger")]
    [InlineData("a ⊛ b", "a ? b")]
    public void From_TurnsUnicodeSymbolsIntoLatexMath(string text, string latex) => Assert.Equal(latex, LatexText.From(text));
}
