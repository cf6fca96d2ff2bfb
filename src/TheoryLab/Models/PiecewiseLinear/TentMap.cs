namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// Telgarsky's tent (mirror) map Δ(x) = 2σ(x) − 4σ(x − ½), which on [0, 1] rises from 0 to 1 and falls back,
/// and its k-fold composition Δᵏ: a sawtooth of 2ᵏ⁻¹ teeth and 2ᵏ linear pieces, exactly computed by a
/// network of k hidden layers of 2 ReLU units (6k + 1 parameters).
/// </summary>
public static class TentMap
{
    /// <summary>Δ(x) = 2σ(x) − 4σ(x − ½).</summary>
    public static double Apply(double x) => 2 * Math.Max(0, x) - 4 * Math.Max(0, x - 0.5);

    /// <summary>Δᵏ(x) by iterating the map, independently of any network.</summary>
    public static double Iterate(double x, int k)
    {
        for (int i = 0; i < k; i++) x = Apply(x);
        return x;
    }

    /// <summary>
    /// The deep network for Δᵏ: layer 1 computes (σ(x), σ(x − ½)); each later layer reads Δ of the previous
    /// layer, 2h₁ − 4h₂, into both of its units; the output unit returns 2h₁ − 4h₂.
    /// </summary>
    public static ReluNetwork Network(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "the composition needs k ≥ 1");
        var hidden = new List<DenseLayer> { new(new double[,] { { 1 }, { 1 } }, [0, -0.5]) };
        for (int layer = 1; layer < k; layer++)
            hidden.Add(new DenseLayer(new double[,] { { 2, -4 }, { 2, -4 } }, [0, -0.5]));
        return new ReluNetwork(hidden, new DenseLayer(new double[,] { { 2, -4 } }, [0]));
    }

    /// <summary>
    /// A network of exactly <paramref name="layers"/> hidden layers of <paramref name="width"/> units that computes Δᵏ on
    /// [0, 1], or null when k exceeds layers·⌊log₂ width⌋: layer l computes Δ^{j_l} of the previous layer's output with the
    /// 2^{j_l} units of the one-hidden-layer network for it (Δ^{j} maps [0, 1] onto itself, so the compositions add up to
    /// Δᵏ with Σ j_l = k), an exponent 0 passes the value through one unit σ(y) = y, and unused units have zero weights.
    /// </summary>
    public static ReluNetwork? DeepNetwork(int k, int width, int layers)
    {
        if (k < 0 || width < 1 || layers < 1) throw new ArgumentOutOfRangeException(nameof(k), "k ≥ 0, width ≥ 1 and layers ≥ 1");
        int perLayer = (int)Math.Floor(Math.Log2(width));
        if (k > (long)perLayer * layers) return null;
        var hidden = new List<DenseLayer>();
        // The previous layer's output y = A·h + c; before the first layer, y = x.
        double[] a = [1];
        double c = 0;
        int remaining = k;
        for (int l = 0; l < layers; l++)
        {
            int j = Math.Min(perLayer, remaining);
            remaining -= j;
            var step = j == 0
                ? new ReluNetwork([new DenseLayer(new double[,] { { 1 } }, [0])], new DenseLayer(new double[,] { { 1 } }, [0]))
                : ShallowRelu.FromFunction(Exact(j, 0, 1));
            var units = step.Hidden[0];
            var w = new double[width, a.Length];
            var b = new double[width];
            for (int u = 0; u < units.Outputs; u++)
            {
                for (int i = 0; i < a.Length; i++) w[u, i] = units.Weight(u, 0) * a[i];
                b[u] = units.Weight(u, 0) * c + units.Biases[u];
            }
            hidden.Add(new DenseLayer(w, b));
            a = new double[width];
            for (int u = 0; u < units.Outputs; u++) a[u] = step.Output.Weight(0, u);
            c = step.Output.Biases[0];
        }
        var output = new double[1, width];
        for (int u = 0; u < width; u++) output[0, u] = a[u];
        return new ReluNetwork(hidden, new DenseLayer(output, [c]));
    }

    /// <summary>Parameters of <see cref="Network"/>: 4 in the first layer, 6 in each later one, 3 in the output.</summary>
    public static long ParameterCount(int k) => 6L * k + 1;

    /// <summary>
    /// Δᵏ on [a, b] ⊆ [0, 1] written down from its closed form rather than from a network: on the dyadic cell
    /// [j/2ᵏ, (j+1)/2ᵏ] it is 2ᵏx − j for even j and j + 1 − 2ᵏx for odd j.
    /// </summary>
    public static PiecewiseLinearFunction Exact(int k, double a, double b)
    {
        CheckInterval(k, a, b);
        double cells = Math.ScaleB(1, k);
        long first = (long)Math.Floor(a * cells), last = (long)Math.Ceiling(b * cells) - 1;
        var breakpoints = new List<double> { a };
        var slopes = new List<double>();
        var intercepts = new List<double>();
        for (long j = first; j <= last; j++)
        {
            bool rising = j % 2 == 0;
            slopes.Add(rising ? cells : -cells);
            intercepts.Add(rising ? -j : j + 1);
            breakpoints.Add(j == last ? b : (j + 1) / cells);
        }
        return new PiecewiseLinearFunction(breakpoints, slopes, intercepts);
    }

    /// <summary>Linear pieces of Δᵏ on [a, b] ⊆ [0, 1]: the dyadic cells of width 2⁻ᵏ that meet (a, b); 2ᵏ on [0, 1].</summary>
    public static long PieceCount(int k, double a, double b)
    {
        CheckInterval(k, a, b);
        double cells = Math.ScaleB(1, k);
        return (long)Math.Ceiling(b * cells) - (long)Math.Floor(a * cells);
    }

    /// <summary>
    /// A lower bound on the mean absolute error (1/(b − a))∫ₐᵇ |f − Δᵏ| of any function f with at most
    /// <paramref name="pieces"/> linear pieces on [a, b] ⊆ [0, 1]: the larger of two arguments, both written out in
    /// docs/expressivity.md. Teeth: a tooth [2j/2ᵏ, (2j + 2)/2ᵏ] inside [a, b] on which f is one line costs at least a
    /// quarter of its width, and p pieces leave all but p − 1 teeth free of knots. Pairs: with w = 2⁻ᵏ,
    /// Δᵏ(x + w) = 1 − Δᵏ(x), so on a piece of length L a line ℓ of slope β has |ℓ − Δᵏ|(x) + |ℓ − Δᵏ|(x + w) ≥
    /// |βw − 1 + 2Δᵏ(x)|, whose integral gives at least (L − 1.5w)/4 per piece: in all ((b − a) − 1.5pw)/4.
    /// </summary>
    public static double MeanAbsoluteErrorLowerBound(int k, long pieces, double a, double b)
    {
        CheckInterval(k, a, b);
        return Math.Max(TeethBound(k, pieces, a, b), PairBound(k, pieces, a, b));
    }

    /// <summary>Knot-free teeth, each costing a quarter of its width.</summary>
    internal static double TeethBound(int k, long pieces, double a, double b)
    {
        double toothWidth = Math.ScaleB(2, -k);
        long firstTooth = (long)Math.Ceiling(a / toothWidth), endTooth = (long)Math.Floor(b / toothWidth);
        long fullTeeth = Math.Max(0, endTooth - firstTooth);
        long freeTeeth = Math.Max(0, fullTeeth - (pieces - 1));
        return freeTeeth * toothWidth / 4 / (b - a);
    }

    /// <summary>Points half a tooth apart, where Δᵏ takes values summing to 1: each piece gives up at most 1.5 half-teeth.</summary>
    internal static double PairBound(int k, long pieces, double a, double b) =>
        Math.Max(0, (b - a) - 1.5 * pieces * Math.ScaleB(1, -k)) / 4 / (b - a);

    private static void CheckInterval(int k, double a, double b)
    {
        if (k < 0 || k > 52) throw new ArgumentOutOfRangeException(nameof(k), k, "Δᵏ is represented exactly in float64 for 0 ≤ k ≤ 52");
        if (!(0 <= a && a < b && b <= 1))
            throw new TheoryLabException($"the sawtooth lives on [0, 1]; the interval [{a}, {b}] must satisfy 0 ≤ start < end ≤ 1.");
    }
}
