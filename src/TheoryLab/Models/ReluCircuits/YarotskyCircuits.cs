namespace TheoryLab.Models.ReluCircuits;

/// <summary>
/// The ReLU networks of Yarotsky (2017, Neural Networks 94), built weight by weight. The tooth
/// g(x) = 2σ(x) − 4σ(x − ½) maps [0, 1] onto itself; g_s is g composed s times, the sawtooth with 2^{s−1} teeth;
/// f_m(x) = x − Σ_{s=1..m} g_s(x)/4^s is the piecewise-linear interpolant of x² at the points k/2^m, so
/// 0 ≤ f_m(x) − x² ≤ 4^{−m−1}. Products follow from squares by polarisation, polynomials from products.
/// Every input and intermediate value lies in [0, 1], the domain on which these identities hold.
/// </summary>
public static class YarotskyCircuits
{
    /// <summary>The tooth g on [0, 1].</summary>
    public static double Tooth(double x) => x < 0.5 ? 2 * x : 2 * (1 - x);

    /// <summary>f_m(x) = x − Σ_{s=1..m} g_s(x)/4^s evaluated from the formula, not from a network.</summary>
    public static double SquareApproximation(int m, double x)
    {
        double g = x, sum = x, scale = 1;
        for (int s = 1; s <= m; s++)
        {
            g = Tooth(g);
            scale /= 4;
            sum -= g * scale;
        }
        return sum;
    }

    /// <summary>sup_{[0,1]} |f_m(x) − x²| = 2^{−2m−2}, attained at the midpoints of the pieces.</summary>
    public static double SquareError(int m) => Math.Pow(2, -2 * m - 2);

    /// <summary>
    /// f_m as a network with m hidden layers of three units. After hidden layer k the units hold
    /// a = g_{k−1}, b = σ(g_{k−1} − ½) and c = f_{k−1}, so that g_k = 2a − 4b and f_k = c − g_k/4^k; all three are
    /// non-negative on [0, 1], so each passes a ReLU unchanged.
    /// </summary>
    public static ReluCircuit Square(int m)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "the construction needs at least one sawtooth level");
        var maps = new List<AffineMap> { new(new double[,] { { 1 }, { 1 }, { 1 } }, [0, -0.5, 0]) };
        for (int k = 1; k < m; k++)
        {
            double scale = Math.Pow(4, -k);
            maps.Add(new AffineMap(new double[,]
            {
                { 2, -4, 0 },
                { 2, -4, 0 },
                { -2 * scale, 4 * scale, 1 },
            }, [0, -0.5, 0]));
        }
        double last = Math.Pow(4, -m);
        maps.Add(new AffineMap(new double[,] { { -2 * last, 4 * last, 1 } }, [0]));
        return new ReluCircuit(maps);
    }

    /// <summary>
    /// The approximate product on [0, 1]²: xy = 2(u² − v² − w²) with u = (x + y)/2, v = x/2, w = y/2, each square
    /// replaced by f_m. Since each f_m − t² lies in [0, 4^{−m−1}], the error lies in [−4^{−m}, 4^{−m}/2].
    /// </summary>
    public static ReluCircuit Product(int m)
    {
        var halves = ReluCircuit.Affine(new double[,] { { 0.5, 0.5 }, { 0.5, 0 }, { 0, 0.5 } }, [0, 0, 0]);
        var squares = ReluCircuit.Beside(Square(m), Square(m), Square(m));
        return halves.Then(squares).Then(new double[,] { { 2, -2, -2 } }, [0]);
    }

    /// <summary>sup_{[0,1]²} |×̃(x, y) − xy| = 4^{−m}, attained at x = y = 2^{−m} where ×̃ = 0.</summary>
    public static double ProductError(int m) => Math.Pow(4, -m);

    /// <summary>min(max(v, 0), 1) = σ(v) − σ(v − 1): keeps an approximate power inside [0, 1].</summary>
    public static ReluCircuit Clip() =>
        ReluCircuit.OneHiddenLayer(new double[,] { { 1 }, { 1 } }, [0, -1], new double[,] { { 1, -1 } }, [0]);

    /// <summary>
    /// p(t) = Σ_k a_k t^k on [0, 1]: powers by repeated approximate multiplication P_{k+1} = clip(×̃(t, P_k)),
    /// the partial sum carried beside them. Depth (K − 1)(m + 1) for degree K.
    /// </summary>
    public static ReluCircuit Polynomial(IReadOnlyList<double> coefficients, int m)
    {
        if (coefficients.Count == 0) throw new ArgumentException("give at least one coefficient", nameof(coefficients));
        double a0 = coefficients[0], a1 = coefficients.Count > 1 ? coefficients[1] : 0;
        if (coefficients.Count <= 2) return ReluCircuit.Affine(new double[,] { { a1 } }, [a0]);

        // State (t, P_k, S_k): the input, the approximate power t^k, the partial sum up to degree k.
        var circuit = ReluCircuit.Affine(new double[,] { { 1 }, { 1 }, { a1 } }, [0, 0, a0]);
        var power = Product(m).Then(Clip());
        int depth = power.HiddenLayers;
        for (int k = 1; k < coefficients.Count - 1; k++)
        {
            var fork = ReluCircuit.Affine(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } }, [0, 0, 0, 0]);
            var parallel = ReluCircuit.Beside(power, ReluCircuit.Identity(1, depth, nonNegative: true), ReluCircuit.Identity(1, depth));
            double next = coefficients[k + 1];
            var gather = ReluCircuit.Affine(new double[,] { { 0, 1, 0 }, { 1, 0, 0 }, { next, 0, 1 } }, [0, 0, 0]);
            circuit = circuit.Then(fork).Then(parallel).Then(gather);
        }
        return circuit.Then(new double[,] { { 0, 0, 1 } }, [0]);
    }

    /// <summary>
    /// A bound on sup |network − p| for <see cref="Polynomial"/>: the power errors δ_k satisfy δ_{k+1} ≤ 4^{−m} + δ_k,
    /// δ_1 = 0 (clipping only moves a value towards t^k ∈ [0, 1]), so the error is at most Σ_k |a_k|(k − 1)4^{−m}.
    /// </summary>
    public static double PolynomialError(IReadOnlyList<double> coefficients, int m) =>
        Enumerable.Range(2, Math.Max(0, coefficients.Count - 2)).Sum(k => Math.Abs(coefficients[k]) * (k - 1)) * ProductError(m);

    /// <summary>x ↦ |2x − 1| = σ(2x − 1) + σ(1 − 2x), one hidden layer of two units.</summary>
    public static ReluCircuit DistanceFromCentre() =>
        ReluCircuit.OneHiddenLayer(new double[,] { { 2 }, { -2 } }, [-1, 1], new double[,] { { 1, 1 } }, [0]);

    /// <summary>
    /// sin(πx) on [0, 1] as cos(π s/2) with s = 2x − 1: q = s² ≈ f_m(|s|), then the Taylor polynomial of
    /// cos(π√q/2) of degree J in q, built by <see cref="Polynomial"/>.
    /// </summary>
    public static ReluCircuit Sine(int degree, int m) =>
        DistanceFromCentre().Then(Square(m)).Then(Polynomial(SineCoefficients(degree), m));

    /// <summary>a_j = (−1)^j (π/2)^{2j}/(2j)!, j = 0..J: cos(π√q/2) = Σ_j a_j q^j.</summary>
    public static double[] SineCoefficients(int degree)
    {
        var a = new double[degree + 1];
        double term = 1;
        for (int j = 0; j <= degree; j++)
        {
            a[j] = term;
            term *= -(Math.PI / 2) * (Math.PI / 2) / ((2 * j + 1) * (2 * j + 2));
        }
        return a;
    }

    /// <summary>
    /// A bound on sup |network − sin(πx)| for <see cref="Sine"/>: the Taylor remainder (π/2)^{2J+2}/(2J+2)!
    /// (alternating series with shrinking terms), plus the Lipschitz constant Σ j|a_j| of the polynomial times the
    /// error 4^{−m−1} of q, plus the polynomial's own product error.
    /// </summary>
    public static double SineError(int degree, int m)
    {
        var a = SineCoefficients(degree);
        double lipschitz = Enumerable.Range(1, degree).Sum(j => j * Math.Abs(a[j]));
        return SineTruncation(degree) + lipschitz * SquareError(m) + PolynomialError(a, m);
    }

    /// <summary>(π/2)^{2J+2}/(2J+2)!: the Taylor remainder of degree J in q = s².</summary>
    public static double SineTruncation(int degree)
    {
        double term = 1;
        for (int i = 1; i <= 2 * degree + 2; i++) term *= Math.PI / 2 / i;
        return term;
    }

    /// <summary>
    /// The uniform piecewise-linear interpolant of <paramref name="f"/> with <paramref name="pieces"/> pieces on
    /// [0, 1] as a one-hidden-layer network: f(0) + s₀σ(x) + Σ_k (s_k − s_{k−1}) σ(x − k/N), N units.
    /// </summary>
    public static ReluCircuit ShallowInterpolant(Func<double, double> f, int pieces)
    {
        var slopes = Enumerable.Range(0, pieces).Select(k => (f((k + 1.0) / pieces) - f((double)k / pieces)) * pieces).ToArray();
        var inWeights = new double[pieces, 1];
        var biases = new double[pieces];
        var outWeights = new double[1, pieces];
        for (int k = 0; k < pieces; k++)
        {
            inWeights[k, 0] = 1;
            biases[k] = -(double)k / pieces;
            outWeights[0, k] = k == 0 ? slopes[0] : slopes[k] - slopes[k - 1];
        }
        return ReluCircuit.OneHiddenLayer(inWeights, biases, outWeights, [f(0)]);
    }
}
