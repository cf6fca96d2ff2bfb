using System.Numerics;

namespace TheoryLab.Numerics.Spectra;

/// <summary>
/// The limiting spectrum of H₀ + H₁ with H₀ a Wishart matrix (Marchenko–Pastur of ratio φ, mean 1) and H₁ a Wigner
/// matrix (semicircle of variance σ²) in generic position, i.e. free: the free additive convolution, whose R-transform
/// is the sum R(g) = 1/(1 − φg) + σ²g. Its Stieltjes transform G(z) = ∫ρ(λ)/(z − λ) dλ solves R(G) + 1/G = z, which
/// clears to the cubic φσ²G³ − (σ² + φz)G² + (z − 1 + φ)G − 1 = 0; on the real axis the density is |Im G|/π for the
/// root off the axis. This is Pennington and Bahri's (2017) model of a loss Hessian at a critical point of loss ε,
/// with σ² = 2ε in units where H₀ has mean eigenvalue 1.
/// </summary>
/// <param name="Ratio">φ &gt; 0, the Wishart part's ratio of dimension to samples.</param>
/// <param name="WignerVariance">σ² ≥ 0.</param>
public sealed record WishartPlusWigner(double Ratio, double WignerVariance)
{
    /// <summary>ρ(λ).</summary>
    public double Density(double x)
    {
        double largestImaginary = 0;
        foreach (var root in StieltjesRoots(x)) largestImaginary = Math.Max(largestImaginary, Math.Abs(root.Imaginary));
        // Real roots come back from the iteration with imaginary parts at rounding level; they carry no density.
        return largestImaginary > 1e-9 ? largestImaginary / Math.PI : 0;
    }

    /// <summary>An interval that holds the support: the Wishart part's support widened by the Wigner part's radius 2σ.</summary>
    public (double Lower, double Upper) Bounds
    {
        get
        {
            double radius = 2 * Math.Sqrt(WignerVariance);
            double lower = Ratio < 1 ? Math.Pow(1 - Math.Sqrt(Ratio), 2) : 0;
            return (lower - radius, Math.Pow(1 + Math.Sqrt(Ratio), 2) + radius);
        }
    }

    /// <summary>The lowest point of the support (where the density starts), to about 1e-10 of the bounds' width.</summary>
    public double LowerEdge()
    {
        var (lower, upper) = Bounds;
        int scan = 4000;
        double step = (upper - lower) / scan, previous = lower;
        for (int i = 1; i <= scan; i++)
        {
            double x = lower + i * step;
            if (Density(x) > 0)
            {
                double a = previous, b = x;
                while (b - a > 1e-10 * (upper - lower))
                {
                    double mid = 0.5 * (a + b);
                    if (Density(mid) > 0) b = mid;
                    else a = mid;
                }
                return b;
            }
            previous = x;
        }
        throw new InvalidOperationException("no support found inside the bounds");
    }

    /// <summary>∫_{−∞}^{t} ρ(λ) dλ, the continuous mass below t (for t = 0, the index: the fraction of negative eigenvalues).</summary>
    public double FractionBelow(double threshold)
    {
        double edge = LowerEdge();
        return threshold <= edge ? 0 : AdaptiveSimpson.Integrate(Density, edge, threshold, 1e-9);
    }

    /// <summary>The three roots of the cubic for z = x (fewer when a leading coefficient vanishes).</summary>
    private Complex[] StieltjesRoots(double x)
    {
        double phi = Ratio, s2 = WignerVariance;
        Complex[] coefficients = [phi * s2, -(s2 + phi * x), x - 1 + phi, -1];
        int lead = 0;
        while (lead < 3 && coefficients[lead] == Complex.Zero) lead++;
        return PolynomialRoots.Of(coefficients[lead..]);
    }
}
