namespace TheoryLab.Numerics.Pde;

/// <summary>
/// An exact solution of Poisson's equation −Δu = f on the unit cube [0, 1]ᵈ with zero Dirichlet data:
/// u(x) = Πₐ g(xₐ) with g(x) = e^{a x} sin(kπx), so f = −Σₐ g''(xₐ) Π_{b≠a} g(x_b) with
/// g'' = e^{a x} ((a² − k²π²) sin(kπx) + 2akπ cos(kπx)). One coordinate gives the 1-D problem −u'' = f on [0, 1],
/// two the square. With a = 0 it is the pure sine, whose f² is periodic and integrated exactly by equally spaced
/// points; a ≠ 0 makes it a generic smooth integrand.
/// </summary>
public sealed class PoissonSine
{
    private readonly int[] _frequencies;

    /// <param name="frequencies">k, one positive integer per dimension (so that u vanishes on the boundary).</param>
    public PoissonSine(params int[] frequencies) : this(0, frequencies) { }

    /// <param name="growth">a, the rate of the exponential factor in every coordinate.</param>
    /// <param name="frequencies">k, one positive integer per dimension.</param>
    public PoissonSine(double growth, int[] frequencies)
    {
        if (frequencies.Length == 0 || frequencies.Any(k => k < 1)) throw new ArgumentException("give one positive integer frequency per dimension", nameof(frequencies));
        _frequencies = frequencies;
        Growth = growth;
    }

    public int Dimension => _frequencies.Length;

    public IReadOnlyList<int> Frequencies => _frequencies;

    /// <summary>a.</summary>
    public double Growth { get; }

    /// <summary>u(x).</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        double u = 1;
        for (int d = 0; d < _frequencies.Length; d++) u *= Factor(d, x[d]);
        return u;
    }

    /// <summary>f(x) = −Δu(x).</summary>
    public double Source(ReadOnlySpan<double> x)
    {
        double f = 0;
        for (int d = 0; d < _frequencies.Length; d++)
        {
            double kPi = _frequencies[d] * Math.PI, a = Growth;
            double term = Math.Exp(a * x[d]) * ((a * a - kPi * kPi) * Math.Sin(kPi * x[d]) + 2 * a * kPi * Math.Cos(kPi * x[d]));
            for (int e = 0; e < _frequencies.Length; e++)
                if (e != d) term *= Factor(e, x[e]);
            f -= term;
        }
        return f;
    }

    private double Factor(int d, double x) => Math.Exp(Growth * x) * Math.Sin(_frequencies[d] * Math.PI * x);
}
