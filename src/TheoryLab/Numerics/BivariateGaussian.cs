namespace TheoryLab.Numerics;

/// <summary>
/// E[f(u₁) g(u₂)] for a centred Gaussian pair with variances q₁, q₂ and correlation c, written as
/// u₁ = √q₁ z₁, u₂ = √q₂ (c z₁ + √(1 − c²) z₂) with z₁, z₂ independent standard normals — the form in which
/// Poole et al. (2016) write the correlation map.
/// </summary>
public static class BivariateGaussian
{
    /// <summary>Product rule: the same one-dimensional rule in z₁ and z₂ (Gauss–Hermite for smooth f and g).</summary>
    public static double Expect(Func<double, double> f, Func<double, double> g, double q1, double q2, double c, QuadratureRule rule)
    {
        CheckCorrelation(c);
        double r1 = Math.Sqrt(q1), r2 = Math.Sqrt(q2), s = Math.Sqrt(Math.Max(0, 1 - c * c));
        var z = rule.Nodes;
        var w = rule.Weights;
        double total = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double outer = f(r1 * z[i]);
            if (outer == 0) continue;
            double centre = c * z[i], inner = 0;
            for (int j = 0; j < z.Length; j++) inner += w[j] * g(r2 * (centre + s * z[j]));
            total += w[i] * outer * inner;
        }
        return total;
    }

    /// <summary>
    /// For f and g that are smooth except at the points <paramref name="kinksF"/> and <paramref name="kinksG"/>
    /// (in u). The inner integral over z₂ is split where u₂ crosses a kink of g, which depends on z₁. The inner
    /// result, as a function of z₁, steps from one side of a kink of g to the other over a width of about
    /// √(1 − c²)/c around z₁ = k/(√q₂ c), so the outer integral is split there on a graded mesh, as well as where
    /// u₁ crosses a kink of f.
    /// </summary>
    public static double ExpectPiecewise(Func<double, double> f, Func<double, double> g, double q1, double q2, double c,
        IReadOnlyList<double> kinksF, IReadOnlyList<double> kinksG, int nodesPerPiece = GaussianQuadrature.DefaultNodesPerPiece)
    {
        CheckCorrelation(c);
        double r1 = Math.Sqrt(q1), r2 = Math.Sqrt(q2), s = Math.Sqrt(Math.Max(0, 1 - c * c));
        var outerBreaks = new List<double>();
        foreach (double k in kinksF) outerBreaks.Add(k / r1);
        if (c != 0)
        {
            foreach (double k in kinksG)
            {
                double centre = k / (r2 * c), width = s / Math.Abs(c);
                outerBreaks.Add(centre);
                foreach (double m in TransitionMesh)
                {
                    outerBreaks.Add(centre - m * width);
                    outerBreaks.Add(centre + m * width);
                }
            }
        }
        var outerRule = GaussianQuadrature.Piecewise(outerBreaks, nodesPerPiece);
        var innerBreaks = new double[kinksG.Count];
        double total = 0;
        for (int i = 0; i < outerRule.Count; i++)
        {
            double z1 = outerRule.Nodes[i];
            double outer = f(r1 * z1);
            if (outer == 0) continue;
            double centre = c * z1, inner;
            if (s == 0)
            {
                inner = g(r2 * centre);
            }
            else
            {
                for (int k = 0; k < innerBreaks.Length; k++) innerBreaks[k] = (kinksG[k] / r2 - centre) / s;
                inner = GaussianQuadrature.ExpectPiecewise(z2 => g(r2 * (centre + s * z2)), innerBreaks, nodesPerPiece);
            }
            total += outerRule.Weights[i] * outer * inner;
        }
        return total;
    }

    /// <summary>Multiples of the transition width at which the outer integral is split around each kink of g.</summary>
    private static readonly double[] TransitionMesh = [0.5, 2, 6];

    private static void CheckCorrelation(double c)
    {
        if (!(c >= -1 && c <= 1)) throw new ArgumentOutOfRangeException(nameof(c), c, "a correlation lies in [−1, 1]");
    }
}
