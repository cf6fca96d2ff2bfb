namespace TheoryLab.Numerics;

/// <summary>
/// Expectations under the standard Gaussian measure, ∫Dz f(z). Smooth integrands use a Gauss–Hermite rule;
/// integrands with kinks or jumps (ReLU, hard-tanh and their derivatives) use <see cref="Piecewise"/>, a
/// Gauss–Legendre rule on each piece between the known breakpoints, because a single polynomial rule
/// converges only algebraically across a kink.
/// </summary>
public static class GaussianQuadrature
{
    /// <summary>Nodes of the default Gauss–Hermite rule; about 1e-7 relative error for tanh(√q z)² at q = 3 (200 nodes: 1e-9).</summary>
    public const int DefaultNodes = 128;

    /// <summary>Piecewise rules integrate over [−T, T]; the Gaussian mass outside is 2Φ(−9) ≈ 2·10⁻¹⁹.</summary>
    public const double Truncation = 9;

    /// <summary>Gauss–Legendre nodes on each piece of a piecewise rule.</summary>
    public const int DefaultNodesPerPiece = 24;

    /// <summary>
    /// Breakpoints always used by piecewise rules: pieces of width 1.5 near the origin, where integrands such as
    /// sech⁴(√q z) at large q concentrate, and 3 further out. With 24 nodes per piece (192 in all) tanh(√q z)² is
    /// integrated to about 1e-15 relative error at q = 7 and 1e-12 at q = 50.
    /// </summary>
    private static readonly double[] FixedBreaks = [-6, -3, -1.5, 0, 1.5, 3, 6];

    public static readonly double InverseSqrtTwoPi = 1 / Math.Sqrt(2 * Math.PI);

    /// <summary>∫Dz f(z) by the n-node Gauss–Hermite rule.</summary>
    public static double Expect(Func<double, double> f, int nodes = DefaultNodes) => GaussHermite.StandardNormal(nodes).Sum(f);

    /// <summary>
    /// ∫Dz f(z) over [−T, T] split at <paramref name="breakpoints"/>, without building a rule object: the inner
    /// loop of two-dimensional integrals, where the breakpoints move with the outer variable.
    /// </summary>
    public static double ExpectPiecewise(Func<double, double> f, ReadOnlySpan<double> breakpoints, int nodesPerPiece = DefaultNodesPerPiece)
    {
        Span<double> edges = stackalloc double[breakpoints.Length + FixedBreaks.Length + 2];
        int count = 0;
        edges[count++] = -Truncation;
        edges[count++] = Truncation;
        foreach (double b in FixedBreaks) edges[count++] = b;
        foreach (double b in breakpoints)
            if (double.IsFinite(b) && Math.Abs(b) < Truncation) edges[count++] = b;
        edges = edges[..count];
        edges.Sort();
        var reference = GaussLegendre.UnitInterval(nodesPerPiece);
        var t = reference.Nodes;
        var w = reference.Weights;
        double total = 0;
        for (int p = 0; p + 1 < edges.Length; p++)
        {
            double a = edges[p], b = edges[p + 1];
            if (b - a < 1e-14) continue;
            double mid = 0.5 * (a + b), half = 0.5 * (b - a), piece = 0;
            for (int i = 0; i < t.Length; i++)
            {
                double z = mid + half * t[i];
                piece += w[i] * Math.Exp(-0.5 * z * z) * f(z);
            }
            total += half * piece;
        }
        return InverseSqrtTwoPi * total;
    }

    /// <summary>
    /// A rule for ∫Dz over [−T, T] split at <paramref name="breakpoints"/> (values of z; those outside are
    /// ignored), with <paramref name="nodesPerPiece"/> Gauss–Legendre nodes per piece, each weight carrying
    /// the Gaussian density.
    /// </summary>
    public static QuadratureRule Piecewise(IEnumerable<double> breakpoints, int nodesPerPiece = DefaultNodesPerPiece)
    {
        var edges = breakpoints.Where(b => double.IsFinite(b) && Math.Abs(b) < Truncation)
            .Concat(FixedBreaks).Append(-Truncation).Append(Truncation)
            .Order().ToList();
        var reference = GaussLegendre.UnitInterval(nodesPerPiece);
        var nodes = new List<double>(edges.Count * nodesPerPiece);
        var weights = new List<double>(edges.Count * nodesPerPiece);
        for (int p = 0; p + 1 < edges.Count; p++)
        {
            double a = edges[p], b = edges[p + 1];
            if (b - a < 1e-14) continue;
            double mid = 0.5 * (a + b), half = 0.5 * (b - a);
            for (int i = 0; i < reference.Count; i++)
            {
                double z = mid + half * reference.Nodes[i];
                nodes.Add(z);
                weights.Add(half * reference.Weights[i] * InverseSqrtTwoPi * Math.Exp(-0.5 * z * z));
            }
        }
        return new QuadratureRule([.. nodes], [.. weights]);
    }
}
