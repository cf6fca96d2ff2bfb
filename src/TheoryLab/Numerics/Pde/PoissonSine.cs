namespace TheoryLab.Numerics.Pde;

/// <summary>
/// An exact solution of Poisson's equation −Δu = f on the unit cube [0, 1]ᵈ with zero Dirichlet data:
/// u(x) = Πₐ sin(kₐ π xₐ), whose Laplacian is −π² Σₐ kₐ² · u, so f = π² Σₐ kₐ² · u. One frequency gives the 1-D
/// problem −u'' = f on [0, 1], two the square.
/// </summary>
public sealed class PoissonSine
{
    private readonly int[] _frequencies;

    /// <param name="frequencies">kₐ, one positive integer per dimension (so that u vanishes on the boundary).</param>
    public PoissonSine(params int[] frequencies)
    {
        if (frequencies.Length == 0 || frequencies.Any(k => k < 1)) throw new ArgumentException("give one positive integer frequency per dimension", nameof(frequencies));
        _frequencies = frequencies;
    }

    public int Dimension => _frequencies.Length;

    public IReadOnlyList<int> Frequencies => _frequencies;

    /// <summary>u(x).</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        double u = 1;
        for (int d = 0; d < _frequencies.Length; d++) u *= Math.Sin(_frequencies[d] * Math.PI * x[d]);
        return u;
    }

    /// <summary>f(x) = −Δu(x).</summary>
    public double Source(ReadOnlySpan<double> x) => Math.PI * Math.PI * _frequencies.Sum(k => (double)k * k) * Value(x);
}
