using TheoryLab.Text;

namespace TheoryLab.Tests.Text;

public class PictureTextTests
{
    [Theory]
    [InlineData("Var[z^k]", "Var[zᵏ]")]
    [InlineData("Var[∂C/∂s^k]", "Var[∂C/∂sᵏ]")]
    [InlineData("q^{l−1}", "qˡ⁻¹")]
    [InlineData("largest singular value σ_max", "largest singular value σₘₐₓ")]
    [InlineData("x_k and x_{k+1}", "xₖ and xₖ₊₁")]
    public void From_SetsScriptsUnicodeHas(string text, string expected) => Assert.Equal(expected, PictureText.From(text));

    [Theory]
    [InlineData("σ_w²", "σw²")]
    [InlineData("6ξ_c", "6ξc")]
    [InlineData("σ_b²", "σb²")]
    [InlineData("ε^(−1/2)", "ε^(−1/2)")]
    [InlineData("x^{q/2}", "x^(q/2)")]
    public void From_SetsASubscriptUnicodeLacksOnTheLine_AndKeepsTheCaretOfAPower(string text, string expected) => Assert.Equal(expected, PictureText.From(text));

    [Theory]
    [InlineData("sigma_w2")]
    [InlineData("log₁₀ χ₁")]
    [InlineData("theory 2⁻²ᵐ⁻²")]
    [InlineData("2^")]
    [InlineData("a _b")]
    public void From_LeavesWordsUnicodeAndLoneMarkersAlone(string text) => Assert.Equal(text, PictureText.From(text));
}
