using TheoryLab.Numerics;

namespace TheoryLab.Models.MeanField;

/// <summary>The order-to-chaos transition: where χ₁ at the fixed point q* crosses 1.</summary>
public static class Criticality
{
    /// <summary>
    /// The σ_w² at which χ₁ = 1 for the given σ_b² (Brent on ln χ₁), searching σ_w² in [10⁻³, 10⁴];
    /// NaN when χ₁ does not cross 1 there.
    /// </summary>
    public static double CriticalSigmaW2(GaussianIntegrals integrals, double sigmaB2) =>
        CriticalSigmaW2(sigmaW2 => new MeanFieldMaps(integrals, sigmaW2, sigmaB2).Chi1);

    /// <summary>The same search for any evaluation of χ₁ as a function of σ_w² at a fixed σ_b² (the tabulated one of the live diagram).</summary>
    public static double CriticalSigmaW2(Func<double, double> chi1)
    {
        double LogChi1(double sigmaW2) => Math.Log(chi1(sigmaW2));
        double lo = 1e-3;
        if (!(LogChi1(lo) < 0)) return double.NaN;
        double hi = 1;
        while (!(LogChi1(hi) > 0))
        {
            if (hi > 1e4 || double.IsNaN(LogChi1(hi))) return double.NaN;
            lo = hi;
            hi *= 2;
        }
        return Brent.FindRoot(LogChi1, lo, hi, 1e-12);
    }

    public static double CriticalSigmaW2(Activation activation, double sigmaB2) => CriticalSigmaW2(new GaussianIntegrals(activation), sigmaB2);
}
