namespace TheoryLab.Numerics.Spectra;

/// <summary>The limiting eigenvalue densities of the two classical ensembles, for checking spectral estimators.</summary>
public static class RandomMatrixLaws
{
    /// <summary>
    /// Wigner's semicircle of variance σ²: √(4σ² − x²)/(2πσ²) on [−2σ, 2σ], the limit of a symmetric matrix with
    /// independent entries of variance σ²/n (the GOE scaled so). Its even moments are Catalan numbers times σ^{2k}.
    /// </summary>
    public static double Semicircle(double x, double variance)
    {
        double r2 = 4 * variance - x * x;
        return r2 > 0 ? Math.Sqrt(r2) / (2 * Math.PI * variance) : 0;
    }

    /// <summary>
    /// The Marchenko–Pastur density of XXᵀ/m, X an n × m matrix of independent unit-variance entries, ratio
    /// c = n/m ≤ 1: √((λ₊ − x)(x − λ₋))/(2πcx) on [λ₋, λ₊], λ± = (1 ± √c)². (For c &gt; 1 the same formula gives the
    /// continuous part, of mass 1/c, beside an atom of mass 1 − 1/c at 0.) Mean 1, variance c.
    /// </summary>
    public static double MarchenkoPastur(double x, double ratio)
    {
        double lower = Square(1 - Math.Sqrt(ratio)), upper = Square(1 + Math.Sqrt(ratio));
        return x > lower && x < upper ? Math.Sqrt((upper - x) * (x - lower)) / (2 * Math.PI * ratio * x) : 0;
    }

    /// <summary>
    /// E (1/n) tr Aᵏ of the semicircle of variance σ²: the Catalan number C_{k/2} σᵏ for even k, 0 for odd k.
    /// </summary>
    public static double SemicircleMoment(int k, double variance)
    {
        if (k % 2 == 1) return 0;
        int h = k / 2;
        double catalan = 1;
        for (int i = 0; i < h; i++) catalan = catalan * 2 * (2 * i + 1) / (i + 2);
        return catalan * Math.Pow(variance, h);
    }

    /// <summary>
    /// The k-th moment of Marchenko–Pastur with ratio c (mean 1): Σ_{r=0}^{k−1} cʳ/(r + 1) · C(k, r) C(k − 1, r)
    /// (the Narayana polynomial).
    /// </summary>
    public static double MarchenkoPasturMoment(int k, double ratio)
    {
        double sum = 0;
        for (int r = 0; r < k; r++) sum += Math.Pow(ratio, r) / (r + 1) * Binomial(k, r) * Binomial(k - 1, r);
        return sum;
    }

    private static double Binomial(int n, int k)
    {
        double value = 1;
        for (int i = 1; i <= k; i++) value = value * (n - k + i) / i;
        return value;
    }

    private static double Square(double x) => x * x;
}
