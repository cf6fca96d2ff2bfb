using System.Numerics;

namespace TheoryLab.Numerics.Spectra;

/// <summary>All complex roots of a low-degree polynomial by the Durand–Kerner (Weierstrass) iteration.</summary>
internal static class PolynomialRoots
{
    /// <summary>The roots of c₀zᵈ + c₁zᵈ⁻¹ + … + c_d (c₀ ≠ 0).</summary>
    public static Complex[] Of(Complex[] coefficients)
    {
        int degree = coefficients.Length - 1;
        if (degree < 1) return [];
        var monic = coefficients.Select(c => c / coefficients[0]).ToArray();
        // Start on a circle enclosing every root (Cauchy's bound), at angles that are not symmetric about the real axis.
        double radius = 1 + monic.Skip(1).Max(c => c.Magnitude);
        var roots = new Complex[degree];
        for (int i = 0; i < degree; i++) roots[i] = Complex.FromPolarCoordinates(radius, 0.4 + 2 * Math.PI * i / degree);
        for (int iteration = 0; iteration < 500; iteration++)
        {
            double largestStep = 0;
            for (int i = 0; i < degree; i++)
            {
                Complex denominator = 1;
                for (int j = 0; j < degree; j++)
                {
                    if (j != i) denominator *= roots[i] - roots[j];
                }
                var step = Evaluate(monic, roots[i]) / denominator;
                roots[i] -= step;
                largestStep = Math.Max(largestStep, step.Magnitude / Math.Max(1, roots[i].Magnitude));
            }
            if (largestStep < 1e-15) break;
        }
        return roots;
    }

    private static Complex Evaluate(Complex[] coefficients, Complex z)
    {
        Complex value = 0;
        foreach (var c in coefficients) value = value * z + c;
        return value;
    }
}
