namespace TheoryLab.Models.MeanField;

/// <summary>
/// The exact expected variance of the eigenvalues of JJᵀ at finite width N for Gaussian weights, where
/// <see cref="JacobianSpectrum"/> gives its N → ∞ limit. The model is the one free probability takes to the limit:
/// J = D^L W^L ⋯ D^1 W^1 with iid N(0, σ_w²/N) weights and D^l² diagonal with iid entries of the law of φ′(√q* z)²
/// (moments μ₁, μ₂), all layers independent. A real network's D^l depends on W^l through h^l; that is left out, and is
/// small beside the Wishart fluctuations of Gaussian layers where φ′ hardly varies at q* (tanh near isometry). For
/// orthogonal weights the Wishart part vanishes and the left-out dependence is of the same order as what remains, so no
/// finite-width value is claimed there.
/// <para>
/// For A = JJᵀ, m₁ = tr A/N and m₂ = tr A²/N, the pair (a, b) = (E[m₁²], E[m₂]) starts at (1, 1) (J⁰ = I), and Wick's
/// theorem on the four W's of tr A'² and (tr A')², for A' = D W A Wᵀ D, maps it linearly: with G₁ = Σg/N over g = d²,
/// E[G₁²] = μ₁² + (μ₂ − μ₁²)/N,
/// a' = σ_w⁴ (E[G₁²] a + 2μ₂ b/N²), b' = σ_w⁴ (μ₂ a + (E[G₁²] + μ₂/N) b).
/// The variance is E[m₂ − m₁²] = b − a after L layers; as N → ∞ it tends to χ₁^{2L} L μ₂/μ₁², free probability's
/// L(μ₂/μ₁² − 1 − s₁) with s₁ = −1.
/// </para>
/// </summary>
public static class FiniteWidthJacobianMoments
{
    /// <summary>E[variance of the eigenvalues of JJᵀ] at the width and depth of <paramref name="spectrum"/>'s spec, whose weights must be Gaussian.</summary>
    public static double GaussianVariance(JacobianSpectrum spectrum)
    {
        var spec = spectrum.Spec;
        if (spec.Weights is not GaussianWeights)
            throw new TheoryLabException($"the finite-width variance is exact for Gaussian weights only, not {spec.Weights.Name} ones.");
        return GaussianVariance(spec.SigmaW2, spectrum.Mu1, spectrum.Mu2, spec.Width, spec.Depth);
    }

    /// <summary>The recursion of the class summary for weights of variance σ_w²/N and D² with moments μ₁, μ₂.</summary>
    public static double GaussianVariance(double sigmaW2, double mu1, double mu2, int width, int depth)
    {
        double n = width, s2 = sigmaW2 * sigmaW2, g1Squared = mu1 * mu1 + (mu2 - mu1 * mu1) / n;
        double a = 1, b = 1;
        for (int l = 0; l < depth; l++)
            (a, b) = (s2 * (g1Squared * a + 2 * mu2 * b / (n * n)), s2 * (mu2 * a + (g1Squared + mu2 / n) * b));
        return b - a;
    }
}
