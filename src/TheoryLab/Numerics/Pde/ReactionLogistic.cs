namespace TheoryLab.Numerics.Pde;

/// <summary>
/// The reaction equation u_t = ρ u (1 − u) of Krishnapriyan et al. (2021), on x ∈ [0, 2π) with periodic boundaries and
/// their initial value h(x) = exp(−(x − π)²/(2(π/4)²)). Every x follows its own logistic curve, so the exact solution
/// is u(t, x) = h e^{ρt} / (h e^{ρt} + 1 − h).
/// </summary>
/// <param name="Rate">ρ.</param>
public sealed record ReactionLogistic(double Rate)
{
    /// <summary>h(x), the Gaussian bump of the paper's code.</summary>
    public static double Initial(double x) => Math.Exp(-Math.Pow(x - Math.PI, 2) / (2 * Math.Pow(Math.PI / 4, 2)));

    /// <summary>u(t, x).</summary>
    public double Value(double t, double x)
    {
        double h = Initial(x), grown = h * Math.Exp(Rate * t);
        return grown / (grown + 1 - h);
    }
}
