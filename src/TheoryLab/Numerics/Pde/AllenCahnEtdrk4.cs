using System.Numerics;

namespace TheoryLab.Numerics.Pde;

/// <summary>
/// The periodic reaction–diffusion equation u_t = D u_xx + a u − b u³ on x ∈ [−1, 1), of which Allen–Cahn
/// (D = 10⁻⁴, a = b = 5, u(0, x) = x² cos(πx), Raissi et al.'s benchmark) is the case the PINNs are checked against.
/// Fourier in x on n equally spaced points, so u_xx is exact on the grid's modes (wavenumbers πm on the period 2), and
/// exponential time differencing with the fourth-order Runge–Kutta stages of Cox and Matthews (2002) in time: the stiff
/// linear part L = −D(πm)² is integrated exactly and the reaction through the φ-functions of hL. Those suffer
/// cancellation where hL is small, so they are evaluated as Kassam and Trefethen (2005) do, by the mean over points
/// of a circle of radius 1 around each hL (a contour integral by the trapezoidal rule). With b = 0 the equation is
/// linear and every mode has the exact solution e^{(−D(πm)² + a)t}, which the tests use.
/// </summary>
public sealed class AllenCahnEtdrk4
{
    /// <param name="points">Grid points n, a power of two.</param>
    /// <param name="diffusion">D.</param>
    /// <param name="linearReaction">a.</param>
    /// <param name="cubicReaction">b.</param>
    public AllenCahnEtdrk4(int points = 512, double diffusion = 1e-4, double linearReaction = 5, double cubicReaction = 5)
    {
        if (points < 4 || (points & (points - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(points), points, "the grid needs a power-of-two number of points, at least 4");
        if (!(diffusion >= 0)) throw new ArgumentOutOfRangeException(nameof(diffusion), diffusion, "the diffusion must not be negative");
        Diffusion = diffusion;
        LinearReaction = linearReaction;
        CubicReaction = cubicReaction;
        Positions = [.. Enumerable.Range(0, points).Select(j => -1 + 2.0 * j / points)];
        // FFT order: m = 0, 1, …, n/2 − 1, −n/2, …, −1; the period is 2, so the wavenumber of mode m is πm.
        _linear = [.. Enumerable.Range(0, points).Select(j => { double k = Math.PI * (j < points / 2 ? j : j - points); return -diffusion * k * k; })];
    }

    private readonly double[] _linear;

    /// <summary>Contour points of Kassam and Trefethen's φ-function evaluation (their 32, on the upper half circle since hL is real).</summary>
    private const int ContourPoints = 32;

    public double Diffusion { get; }

    public double LinearReaction { get; }

    public double CubicReaction { get; }

    /// <summary>The grid x_j = −1 + 2j/n, j = 0 … n − 1 (x = 1 is x = −1 again).</summary>
    public double[] Positions { get; }

    /// <summary>Allen–Cahn's initial condition x² cos(πx).</summary>
    public static double BenchmarkInitial(double x) => x * x * Math.Cos(Math.PI * x);

    /// <summary>
    /// u on the grid at <paramref name="snapshots"/> equally spaced times 0, T/(s − 1), …, T: row i is u(t_i, ·),
    /// taking <paramref name="stepsPerSnapshot"/> ETDRK4 steps between consecutive snapshots.
    /// </summary>
    public double[,] Solve(Func<double, double> initial, double finalTime, int snapshots, int stepsPerSnapshot)
    {
        if (snapshots < 2) throw new ArgumentOutOfRangeException(nameof(snapshots), snapshots, "ask for at least the initial and the final time");
        if (stepsPerSnapshot < 1) throw new ArgumentOutOfRangeException(nameof(stepsPerSnapshot), stepsPerSnapshot, "take at least one step between snapshots");
        int n = Positions.Length;
        double step = finalTime / ((snapshots - 1) * (double)stepsPerSnapshot);
        var stepper = new Stepper(this, step);
        var spectrum = Positions.Select(x => new Complex(initial(x), 0)).ToArray();
        FastFourierTransform.Forward(spectrum);
        var u = new double[snapshots, n];
        for (int i = 0; i < snapshots; i++)
        {
            if (i > 0)
                for (int s = 0; s < stepsPerSnapshot; s++) spectrum = stepper.Step(spectrum);
            var values = (Complex[])spectrum.Clone();
            FastFourierTransform.Inverse(values);
            for (int j = 0; j < n; j++) u[i, j] = values[j].Real;
        }
        return u;
    }

    /// <summary>The Fourier transform of the reaction a u − b u³ of the field whose transform is <paramref name="spectrum"/>.</summary>
    private Complex[] Reaction(Complex[] spectrum)
    {
        var values = (Complex[])spectrum.Clone();
        FastFourierTransform.Inverse(values);
        for (int j = 0; j < values.Length; j++)
        {
            double u = values[j].Real;
            values[j] = LinearReaction * u - CubicReaction * u * u * u;
        }
        FastFourierTransform.Forward(values);
        return values;
    }

    /// <summary>ETDRK4's coefficients for one step length h, per mode (Kassam and Trefethen 2005, their equations (2.5) and Figure 2's code).</summary>
    private sealed class Stepper
    {
        private readonly AllenCahnEtdrk4 _equation;
        private readonly double[] _e, _e2, _q, _f1, _f2, _f3;

        public Stepper(AllenCahnEtdrk4 equation, double h)
        {
            _equation = equation;
            int n = equation._linear.Length;
            _e = new double[n]; _e2 = new double[n]; _q = new double[n]; _f1 = new double[n]; _f2 = new double[n]; _f3 = new double[n];
            for (int m = 0; m < n; m++)
            {
                double hl = h * equation._linear[m];
                _e[m] = Math.Exp(hl);
                _e2[m] = Math.Exp(hl / 2);
                double q = 0, f1 = 0, f2 = 0, f3 = 0;
                for (int p = 1; p <= ContourPoints; p++)
                {
                    var z = hl + Complex.FromPolarCoordinates(1, Math.PI * (p - 0.5) / ContourPoints);
                    var ez = Complex.Exp(z);
                    var z3 = z * z * z;
                    q += ((Complex.Exp(z / 2) - 1) / z).Real;
                    f1 += ((-4 - z + ez * (4 - 3 * z + z * z)) / z3).Real;
                    f2 += ((2 + z + ez * (-2 + z)) / z3).Real;
                    f3 += ((-4 - 3 * z - z * z + ez * (4 - z)) / z3).Real;
                }
                _q[m] = h * q / ContourPoints;
                _f1[m] = h * f1 / ContourPoints;
                _f2[m] = h * f2 / ContourPoints;
                _f3[m] = h * f3 / ContourPoints;
            }
        }

        public Complex[] Step(Complex[] v)
        {
            int n = v.Length;
            var nv = _equation.Reaction(v);
            var a = new Complex[n];
            for (int m = 0; m < n; m++) a[m] = _e2[m] * v[m] + _q[m] * nv[m];
            var na = _equation.Reaction(a);
            var b = new Complex[n];
            for (int m = 0; m < n; m++) b[m] = _e2[m] * v[m] + _q[m] * na[m];
            var nb = _equation.Reaction(b);
            var c = new Complex[n];
            for (int m = 0; m < n; m++) c[m] = _e2[m] * a[m] + _q[m] * (2 * nb[m] - nv[m]);
            var nc = _equation.Reaction(c);
            var next = new Complex[n];
            for (int m = 0; m < n; m++) next[m] = _e[m] * v[m] + nv[m] * _f1[m] + 2 * (na[m] + nb[m]) * _f2[m] + nc[m] * _f3[m];
            return next;
        }
    }
}
