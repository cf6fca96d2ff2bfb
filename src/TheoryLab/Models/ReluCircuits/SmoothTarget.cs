using TheoryLab.Models.PiecewiseLinear;

namespace TheoryLab.Models.ReluCircuits;

/// <summary>A Yarotsky network for one accuracy: the circuit, its parameters m (sawtooth levels) and degree, and its proven error bound.</summary>
public sealed record YarotskyApproximation(ReluCircuit Circuit, int Levels, int Degree, double ErrorBound);

/// <summary>
/// A smooth function on [0, 1] that Yarotsky's construction approximates to any accuracy ε, with the
/// smallest network the construction's error bound allows.
/// </summary>
public abstract class SmoothTarget
{
    /// <summary>The largest number of sawtooth levels tried: beyond it 4^{−m} is below double precision.</summary>
    public const int MaxLevels = 26;

    public abstract string Name { get; }

    /// <summary>The formula shown in captions ("x²", "sin(πx)").</summary>
    public abstract string Formula { get; }

    public abstract double Value(double x);

    /// <summary>sup_{[0,1]} |f″|, which sets the error ‖f″‖/(8N²) of the uniform interpolant with N pieces.</summary>
    public abstract double CurvatureBound { get; }

    /// <summary>The derivative of order <paramref name="order"/> (0: the value) at x.</summary>
    public abstract double Derivative(int order, double x);

    /// <summary>An upper bound on sup_{[0,1]} |f^{(order)}|, which sets the Taylor error of <see cref="YarotskyPartition"/>.</summary>
    public abstract double DerivativeBound(int order);

    /// <summary>The smallest network of the construction whose error bound is at most <paramref name="epsilon"/>.</summary>
    public abstract YarotskyApproximation Approximate(double epsilon);

    /// <summary>
    /// sup |g − f| over g's interval for a piecewise-linear g: on each piece the error sx + c − f(x) peaks at an end or
    /// where f′(x) = s, found by bisection where f′ − s changes sign between the ends. Exact (to double precision) when
    /// f′ is monotone on each piece, as for sin(πx) on [0, 1] and x², and for any polynomial on pieces free of zeros of f″.
    /// </summary>
    public double SupDistance(PiecewiseLinearFunction g)
    {
        ArgumentNullException.ThrowIfNull(g);
        double worst = 0;
        for (int i = 0; i < g.PieceCount; i++)
        {
            double x0 = g.Breakpoints[i], x1 = g.Breakpoints[i + 1], slope = g.Slopes[i], intercept = g.Intercepts[i];
            double Error(double x) => Math.Abs(slope * x + intercept - Value(x));
            worst = Math.Max(worst, Math.Max(Error(x0), Error(x1)));
            double g0 = Derivative(1, x0) - slope, g1 = Derivative(1, x1) - slope;
            if (g0 * g1 >= 0) continue;
            double lo = x0, hi = x1;
            for (int step = 0; step < 100 && lo < hi; step++)
            {
                double mid = 0.5 * (lo + hi);
                if (mid <= lo || mid >= hi) break;
                if ((Derivative(1, mid) - slope) * g0 > 0) lo = mid; else hi = mid;
            }
            worst = Math.Max(worst, Math.Max(Error(lo), Error(hi)));
        }
        return worst;
    }

    /// <summary>The target a user names: square, polynomial (with coefficients a₀, a₁, … in ascending powers) or sin.</summary>
    public static SmoothTarget Named(string name, IReadOnlyList<double> coefficients) => name switch
    {
        "square" => new PolynomialTarget([0, 0, 1], "x²"),
        "polynomial" => new PolynomialTarget(coefficients, PolynomialTarget.Describe(coefficients)),
        "sin" => new SineTarget(),
        _ => throw new TheoryLabException($"unknown target '{name}'; choose square, polynomial or sin."),
    };

    protected static int SmallestLevels(Func<int, double> bound, double epsilon)
    {
        for (int m = 1; m <= MaxLevels; m++)
            if (bound(m) <= epsilon) return m;
        throw new TheoryLabException($"ε = {epsilon:G3} is below what the construction reaches in double precision; choose ε ≥ 1e-12.");
    }
}

/// <summary>p(x) = Σ a_k x^k on [0, 1], by <see cref="YarotskyCircuits.Polynomial"/>.</summary>
public sealed class PolynomialTarget(IReadOnlyList<double> coefficients, string formula) : SmoothTarget
{
    private readonly double[] _a = Trimmed(coefficients);

    public override string Name => "polynomial";
    public override string Formula => formula;
    public IReadOnlyList<double> Coefficients => _a;

    public override double Value(double x)
    {
        double s = 0;
        for (int k = _a.Length - 1; k >= 0; k--) s = s * x + _a[k];
        return s;
    }

    public override double Derivative(int order, double x)
    {
        var d = DerivativeCoefficients(order);
        double s = 0;
        for (int k = d.Length - 1; k >= 0; k--) s = s * x + d[k];
        return s;
    }

    /// <summary>
    /// The largest |p^{(order)}| over a grid of spacing h = 10⁻⁴ plus h/2 times Σ|coefficients of p^{(order+1)}| (a bound
    /// on its slope on [0, 1]): no point of [0, 1] is farther than h/2 from the grid.
    /// </summary>
    public override double DerivativeBound(int order)
    {
        const int intervals = 10_000;
        double onGrid = Enumerable.Range(0, intervals + 1).Max(i => Math.Abs(Derivative(order, (double)i / intervals)));
        return onGrid + DerivativeCoefficients(order + 1).Sum(Math.Abs) / (2.0 * intervals);
    }

    /// <summary>Coefficients, in ascending powers, of the derivative of the given order.</summary>
    private double[] DerivativeCoefficients(int order)
    {
        var d = (double[])_a.Clone();
        for (int r = 0; r < order; r++)
            d = d.Length <= 1 ? [0] : Enumerable.Range(1, d.Length - 1).Select(k => k * d[k]).ToArray();
        return d;
    }

    /// <summary>Maximum of |p″| over a grid of 10,001 points: a polynomial's curvature varies slowly on that scale.</summary>
    public override double CurvatureBound =>
        Enumerable.Range(0, 10_001).Max(i => Math.Abs(SecondDerivative(i / 10_000.0)));

    public override YarotskyApproximation Approximate(double epsilon)
    {
        int degree = _a.Length - 1;
        if (degree <= 1) return new(YarotskyCircuits.Polynomial(_a, 1), 0, degree, 0);
        if (degree == 2 && _a[0] == 0 && _a[1] == 0)
        {
            // a·x² needs no product: f_m itself, with its four-times smaller error.
            double a2 = Math.Abs(_a[2]);
            int levels = SmallestLevels(level => a2 * YarotskyCircuits.SquareError(level), epsilon);
            return new(YarotskyCircuits.Square(levels).Then(new double[,] { { _a[2] } }, [0]), levels, 2, a2 * YarotskyCircuits.SquareError(levels));
        }
        int m = SmallestLevels(level => YarotskyCircuits.PolynomialError(_a, level), epsilon);
        return new(YarotskyCircuits.Polynomial(_a, m), m, degree, YarotskyCircuits.PolynomialError(_a, m));
    }

    private static double[] Trimmed(IReadOnlyList<double> a)
    {
        int length = a.Count;
        while (length > 1 && a[length - 1] == 0) length--;
        return a.Take(length).ToArray();
    }

    private double SecondDerivative(double x)
    {
        double s = 0;
        for (int k = _a.Length - 1; k >= 2; k--) s = s * x + k * (k - 1) * _a[k];
        return s;
    }

    /// <summary>"0.5 + x³"-style text for captions.</summary>
    public static string Describe(IReadOnlyList<double> a)
    {
        var terms = new List<string>();
        for (int k = 0; k < a.Count; k++)
        {
            if (a[k] == 0) continue;
            string power = k switch { 0 => "", 1 => "x", _ => "x" + Superscript(k) };
            string coefficient = a[k] == 1 && k > 0 ? "" : a[k] == -1 && k > 0 ? "−" : a[k].ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
            terms.Add(coefficient + power);
        }
        return terms.Count == 0 ? "0" : string.Join(" + ", terms).Replace("+ -", "− ").Replace("+ −", "− ");
    }

    private static string Superscript(int k) => string.Concat(k.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));
}

/// <summary>sin(πx) on [0, 1], by <see cref="YarotskyCircuits.Sine"/>: Taylor degree and sawtooth levels each take half of ε.</summary>
public sealed class SineTarget : SmoothTarget
{
    public override string Name => "sin";
    public override string Formula => "sin(πx)";
    public override double Value(double x) => Math.Sin(Math.PI * x);
    public override double CurvatureBound => Math.PI * Math.PI;

    /// <summary>π^k sin(πx + kπ/2).</summary>
    public override double Derivative(int order, double x) => Math.Pow(Math.PI, order) * Math.Sin(Math.PI * x + order * Math.PI / 2);

    /// <summary>π^k, attained on [0, 1].</summary>
    public override double DerivativeBound(int order) => Math.Pow(Math.PI, order);

    public override YarotskyApproximation Approximate(double epsilon)
    {
        int degree = 1;
        while (YarotskyCircuits.SineTruncation(degree) > epsilon / 2) degree++;
        int m = SmallestLevels(level => YarotskyCircuits.SineError(degree, level), epsilon);
        return new(YarotskyCircuits.Sine(degree, m), m, degree, YarotskyCircuits.SineError(degree, m));
    }
}
