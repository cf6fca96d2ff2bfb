namespace TheoryLab.Numerics.Pde;

/// <summary>
/// The exact solution of viscous Burgers' equation u_t + u u_x = ν u_xx from u(0, x) = −sin(πx), by the Cole–Hopf
/// transform (Basdevant et al. 1986, the reference of Raissi et al.'s Burgers example):
/// u(t, x) = −∫ sin(π(x − η)) f(x − η) e^{−η²/4νt} dη / ∫ f(x − η) e^{−η²/4νt} dη with f(y) = exp(−cos(πy)/(2πν)).
/// Since u(0, ·) is odd and 2-periodic, so is u(t, ·), and u(t, ±1) = 0: the same function solves the problem on
/// [−1, 1] with zero boundary values. With η = 2√(νt)·s both integrals have the weight e^{−s²}; they are taken by the
/// trapezoidal rule on s ∈ [−S, S], which converges geometrically for such analytic, Gaussian-decaying integrands.
/// The exponent −s² − cos(π(x − η))/(2πν) spans about 1/(πν) ≈ 100 for ν = 0.01/π, so the largest value on the
/// nodes is factored out of both sums before exponentiating (e^{1/(2πν)} alone would be e^{50}).
/// </summary>
public sealed class BurgersColeHopf
{
    /// <summary>A rule of ample accuracy for ν ≥ 10⁻³ and t ≤ 1: node spacing 0.01 on s ∈ [−16, 16].</summary>
    public BurgersColeHopf(double viscosity, double spacing = 0.01, double halfWidth = 16)
    {
        if (!(viscosity > 0)) throw new ArgumentOutOfRangeException(nameof(viscosity), viscosity, "the viscosity must be positive");
        if (!(spacing > 0) || !(halfWidth > spacing)) throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "the rule needs a positive spacing below its half-width");
        Viscosity = viscosity;
        int half = (int)Math.Ceiling(halfWidth / spacing);
        _nodes = [.. Enumerable.Range(-half, 2 * half + 1).Select(k => k * spacing)];
    }

    private readonly double[] _nodes;

    /// <summary>ν.</summary>
    public double Viscosity { get; }

    /// <summary>u(t, x); at t = 0 the initial condition itself.</summary>
    public double Value(double t, double x)
    {
        if (t < 0) throw new ArgumentOutOfRangeException(nameof(t), t, "the solution is defined for t ≥ 0");
        if (t == 0) return -Math.Sin(Math.PI * x);
        double scale = 2 * Math.Sqrt(Viscosity * t), strength = 1 / (2 * Math.PI * Viscosity);
        double largest = double.NegativeInfinity;
        Span<double> exponents = _nodes.Length <= 8192 ? stackalloc double[_nodes.Length] : new double[_nodes.Length];
        for (int k = 0; k < _nodes.Length; k++)
        {
            double s = _nodes[k];
            exponents[k] = -s * s - strength * Math.Cos(Math.PI * (x - scale * s));
            largest = Math.Max(largest, exponents[k]);
        }
        double numerator = 0, denominator = 0;
        for (int k = 0; k < _nodes.Length; k++)
        {
            double weight = Math.Exp(exponents[k] - largest);
            numerator += Math.Sin(Math.PI * (x - scale * _nodes[k])) * weight;
            denominator += weight;
        }
        return -numerator / denominator;
    }

    /// <summary>u on every (t, x) pair of a grid: entry [i, j] is u(times[i], positions[j]).</summary>
    public double[,] OnGrid(IReadOnlyList<double> times, IReadOnlyList<double> positions)
    {
        var u = new double[times.Count, positions.Count];
        Parallel.For(0, times.Count, i =>
        {
            for (int j = 0; j < positions.Count; j++) u[i, j] = Value(times[i], positions[j]);
        });
        return u;
    }
}
