using TheoryLab.Numerics;
using TheoryLab.Numerics.Spectra;

namespace TheoryLab.Tests.Numerics.Spectra;

public class WishartPlusWignerTests
{
    [Fact]
    public void WithoutWigner_IsMarchenkoPastur_AndWithoutWishartSpread_IsAShiftedSemicircle()
    {
        var mp = new WishartPlusWigner(0.3, 0);
        foreach (double x in new[] { 0.3, 0.8, 1.4, 2.0 }) Assert.Equal(RandomMatrixLaws.MarchenkoPastur(x, 0.3), mp.Density(x), 1e-9);

        // φ → 0 makes H₀ the identity: the semicircle moved to 1.
        var semicircle = new WishartPlusWigner(1e-12, 0.2);
        foreach (double x in new[] { 0.2, 0.7, 1.0, 1.6 }) Assert.Equal(RandomMatrixLaws.Semicircle(x - 1, 0.2), semicircle.Density(x), 1e-6);
    }

    [Theory]
    [InlineData(0.25, 0.05)]
    [InlineData(0.5, 0.2)]
    [InlineData(2.0, 0.1)]
    public void Moments_AreThoseOfAddedFreeCumulants(double phi, double sigma2)
    {
        // Free cumulants add: MP (mean 1, ratio φ) has κ_k = φ^(k−1); the semicircle has κ₂ = σ² only. Moments from
        // cumulants by the non-crossing partition formulas: m₁ = κ₁, m₂ = κ₂ + κ₁², m₃ = κ₃ + 3κ₂κ₁ + κ₁³,
        // m₄ = κ₄ + 4κ₃κ₁ + 2κ₂² + 6κ₂κ₁² + κ₁⁴. An independent check of the cubic and its root choice.
        double k1 = 1, k2 = phi + sigma2, k3 = phi * phi, k4 = phi * phi * phi;
        double[] expected = [1, k1, k2 + k1 * k1, k3 + 3 * k2 * k1 + k1 * k1 * k1, k4 + 4 * k3 * k1 + 2 * k2 * k2 + 6 * k2 * k1 * k1 + Math.Pow(k1, 4)];
        var law = new WishartPlusWigner(phi, sigma2);
        var (lower, upper) = law.Bounds;
        for (int k = 0; k <= 4; k++)
        {
            double moment = AdaptiveSimpson.Integrate(x => Math.Pow(x, k) * law.Density(x), lower, upper, 1e-8);
            // Quadrature across square-root edges converges slowly: 1e-4 relative.
            Assert.Equal(expected[k], moment, 1e-4 * Math.Max(1, expected[k]));
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void Index_TurnsOnAtPenningtonBahrisCriticalEnergy_AsTheThreeHalvesPower(double phi)
    {
        // Pennington & Bahri: the closed-form ε_c with σ² = 2ε, and α ∝ (ε − ε_c)^{3/2} above it.
        double critical = FreeSumIndex.CriticalLoss(phi);
        Assert.Equal(0, new WishartPlusWigner(phi, 2 * critical * 0.99).FractionBelow(0));
        double a1 = new WishartPlusWigner(phi, 2 * critical * 1.01).FractionBelow(0);
        double a2 = new WishartPlusWigner(phi, 2 * critical * 1.04).FractionBelow(0);
        Assert.True(a1 > 0);
        // Quadrupling ε − ε_c multiplies α by 4^{3/2} = 8 at leading order; the next order shifts it by O(δ) ≈ 5 %.
        Assert.Equal(8, a2 / a1, 0.5);
    }
}
