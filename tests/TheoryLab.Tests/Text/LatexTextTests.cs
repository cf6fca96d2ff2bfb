namespace TheoryLab.Tests.Text;

public class LatexTextTests
{
    [Theory]
    [InlineData("σ_w²", "$\\sigma_{w}^{2}$")]
    [InlineData("χ₁", "$\\chi_{1}$")]
    [InlineData("depth L", "depth L")]
    [InlineData("50% of x_1 & y", "50\\% of $x_{1}$ \\& y")]
    [InlineData("q* ≈ 0.5", "q* $\\approx$ 0.5")]
    [InlineData("10⁻³", "$10^{-3}$")]
    [InlineData("log₁₀ χ₁", "$\\log_{10}$ $\\chi_{1}$")]
    [InlineData("k < 30", "k $<$ 30")]
    [InlineData("an angle of 0.5°", "an angle of 0.5$^{\\circ}$")]
    [InlineData("½ xᵀAx", "$\\frac{1}{2}$ $x^{T}$Ax")]
    [InlineData("Schrödinger", "Schrödinger")]
    [InlineData("a ⊛ b", "a ? b")]
    [InlineData("Var[x] ∏ n_in Var[W]", "Var[x] $\\prod$ $n_{\\mathrm{in}}$ Var[W]")]
    [InlineData("Var[z^k]", "Var[$z^{k}$]")]
    [InlineData("∂C/∂s^k", "$\\partial$C/$\\partial s^{k}$")]
    [InlineData("L(x − η'∇L)", "L(x $-$ $\\eta$'$\\nabla$L)")]
    [InlineData("q^{l−1}", "$q^{l-1}$")]
    [InlineData("ε^(−1/2)", "$\\varepsilon^{-1/2}$")]
    [InlineData("|λ_min/λ_max|", "$|$$\\lambda_{\\mathrm{min}}$/$\\lambda_{\\mathrm{max}}|$")]
    [InlineData("α₀|x/c|^p", "$\\alpha_{0}|$x/c$|^{p}$")]
    [InlineData("q̂", "$\\hat{q}$")]
    [InlineData("√ᾱ_t x", "$\\surd \\bar{\\alpha}_{t}$ x")]
    [InlineData("x ⋆ φ_J", "x $\\star$ $\\phi_{J}$")]
    [InlineData("Ψ x", "$\\Psi$ x")]
    [InlineData("mean_effective_smoothness", "mean\\_effective\\_smoothness")]
    public void From_SetsEverySymbolInMath_AndScriptsWithTheirBase(string text, string latex) => Assert.Equal(latex, LatexText.From(text));

    [Fact]
    public void Unconverted_NamesTheCharactersFromCannotSet()
    {
        Assert.Equal(['⊛'], LatexText.Unconverted("a ⊛ b, σ_w² ≤ 1 … Schrödinger"));
    }

    [Fact]
    public void Code_SetsANameInTypewriterType_BreakableAfterEachUnderscore()
    {
        Assert.Equal(@"\texttt{q\_\allowbreak{}star}", LatexText.Code("q_star"));
    }
}
