using TheoryLab.Numerics;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// The infinite-width signal-propagation maps of a deep random network h^l = W^l φ(h^{l−1}) + b^l with
/// W_ij ~ N(0, σ_w²/N), b_i ~ N(0, σ_b²) (Poole et al. 2016; Schoenholz et al. 2017):
/// the length map q^l = σ_w² ∫Dz φ(√q^{l−1} z)² + σ_b², the correlation map, their fixed points q* and c*,
/// the slope χ₁ of the correlation map at c = 1, and the depth scales ξ_q and ξ_c.
/// </summary>
public sealed class MeanFieldMaps
{
    /// <summary>Lengths beyond this count as divergent: the length map has no finite fixed point.</summary>
    public const double Divergent = 1e12;

    private readonly GaussianIntegrals _integrals;
    private double? _qStar;
    private double? _cStar;

    public MeanFieldMaps(Activation activation, double sigmaW2, double sigmaB2)
        : this(new GaussianIntegrals(activation), sigmaW2, sigmaB2)
    {
    }

    public MeanFieldMaps(GaussianIntegrals integrals, double sigmaW2, double sigmaB2)
    {
        if (!(sigmaW2 >= 0) || !(sigmaB2 >= 0)) throw new ArgumentOutOfRangeException(nameof(sigmaW2), $"variances must be ≥ 0 (σ_w² = {sigmaW2}, σ_b² = {sigmaB2})");
        _integrals = integrals;
        SigmaW2 = sigmaW2;
        SigmaB2 = sigmaB2;
    }

    public Activation Activation => _integrals.Activation;
    public double SigmaW2 { get; }
    public double SigmaB2 { get; }

    /// <summary>The length map q ↦ σ_w² E[φ(√q z)²] + σ_b².</summary>
    public double LengthMap(double q) => SigmaW2 * _integrals.SecondMoment(q) + SigmaB2;

    /// <summary>dq^l/dq^{l−1}: χ₁ + σ_w² ∫Dz φ″ φ in Schoenholz et al.'s form (see <see cref="GaussianIntegrals.SecondMomentSlope"/>).</summary>
    public double LengthMapSlope(double q) => SigmaW2 * _integrals.SecondMomentSlope(q);

    /// <summary>
    /// The covariance map: given the lengths q₁, q₂ and correlation c of two inputs' pre-activations at one
    /// layer, their covariance at the next, σ_w² E[φ(u₁) φ(u₂)] + σ_b².
    /// </summary>
    public double CovarianceMap(double q1, double q2, double c) => SigmaW2 * _integrals.Covariance(q1, q2, c) + SigmaB2;

    /// <summary>The correlation map at equal lengths q: c ↦ CovarianceMap(q, q, c) / LengthMap(q).</summary>
    public double CorrelationMap(double c, double q) => CovarianceMap(q, q, c) / LengthMap(q);

    /// <summary>χ₁ = σ_w² ∫Dz φ′(√q z)²: the slope of the correlation map at c = 1; evaluated at q* by <see cref="Chi1"/>.</summary>
    public double Chi1At(double q) => SigmaW2 * _integrals.DerivativeSecondMoment(q);

    /// <summary>χ_c = σ_w² ∫Dz₁Dz₂ φ′(u₁) φ′(u₂): the slope of the correlation map at c (Price's theorem).</summary>
    public double ChiCAt(double q, double c) => SigmaW2 * _integrals.DerivativeCovariance(q, q, c);

    /// <summary>
    /// The fixed point q* that iterating the length map reaches; 0 when it contracts to the origin (σ_b = 0,
    /// φ(0) = 0 and σ_w² φ′(0)² ≤ 1); +∞ when the map diverges (ReLU with σ_w² ≥ 2, linear with σ_w² ≥ 1).
    /// </summary>
    public double QStar => _qStar ??= SolveQStar();

    /// <summary>χ₁ at q*: below 1 the network is in the ordered phase, above 1 in the chaotic phase.</summary>
    public double Chi1 => Chi1At(double.IsPositiveInfinity(QStar) ? Divergent : QStar);

    /// <summary>
    /// The stable fixed point of the correlation map at q*: 1 in the ordered phase (χ₁ ≤ 1), the root below 1
    /// in the chaotic phase. NaN where q* is 0 or infinite, which leaves correlations undefined.
    /// </summary>
    public double CStar => _cStar ??= SolveCStar();

    /// <summary>ξ_q = −1/ln(dq^l/dq^{l−1} at q*): the depth over which lengths approach q*.</summary>
    public double XiQ => DepthScale(double.IsFinite(QStar) ? LengthMapSlope(QStar) : double.NaN);

    /// <summary>ξ_c = −1/ln χ_c(q*, c*): the depth over which correlations approach c*; infinite at χ₁ = 1.</summary>
    public double XiC => double.IsNaN(CStar) ? double.NaN : DepthScale(CStar == 1 ? Chi1 : ChiCAt(QStar, CStar));

    /// <summary>−1/ln(slope) for a contracting slope in (0, 1); +∞ at and beyond 1.</summary>
    public static double DepthScale(double slope) => slope >= 1 ? double.PositiveInfinity : slope > 0 ? -1 / Math.Log(slope) : double.NaN;

    /// <summary>
    /// Lengths and correlations of two inputs layer by layer, for inputs with q⁰ = |x|²/N₀ and correlation c⁰:
    /// the first layer is affine (q¹ = σ_w² q⁰ + σ_b²), later ones apply the maps. Index l − 1 holds layer l.
    /// </summary>
    public (double[] Q, double[] C) Propagate(double q0, double c0, int depth)
    {
        var q = new double[depth];
        var c = new double[depth];
        q[0] = SigmaW2 * q0 + SigmaB2;
        c[0] = q[0] == 0 ? 1 : (SigmaW2 * q0 * c0 + SigmaB2) / q[0];
        for (int l = 1; l < depth; l++)
        {
            q[l] = LengthMap(q[l - 1]);
            c[l] = q[l] == 0 ? 1 : Math.Clamp(CovarianceMap(q[l - 1], q[l - 1], c[l - 1]) / q[l], -1, 1);
        }
        return (q, c);
    }

    private double SolveQStar()
    {
        if (SigmaB2 == 0 && Activation.Value(0) == 0 && LengthMapSlope(0) <= 1) return 0;
        // Newton on LengthMap(q) − q, whose value and slope come from one pass over the nodes; it converges
        // quadratically near the attracting fixed point (slope < 1) and falls back to a plain iteration step
        // wherever Newton would leave (0, ∞) or the map is not contracting.
        double q = 1;
        for (int iteration = 0; iteration < 2000; iteration++)
        {
            if (!double.IsFinite(q) || q > Divergent) return double.PositiveInfinity;
            var (moment, momentSlope) = _integrals.SecondMomentWithSlope(q);
            double residual = SigmaW2 * moment + SigmaB2 - q;
            double slope = SigmaW2 * momentSlope - 1;
            double next = slope < 0 ? q - residual / slope : q + residual;
            if (!(next > 0)) next = q + residual;
            if (Math.Abs(next - q) <= 1e-14 * Math.Max(1, q)) return next;
            q = next;
        }
        return q > 1e3 ? double.PositiveInfinity : q;
    }

    private double SolveCStar()
    {
        double q = QStar;
        if (!(q > 0) || double.IsPositiveInfinity(q)) return double.NaN;
        if (Chi1 <= 1) return 1;
        double Excess(double c) => CorrelationMap(c, q) - c;
        double atZero = Excess(0);
        if (atZero <= 0) return 0;
        // Just below c = 1 the map falls under the diagonal with slope χ₁ > 1; find a point where it has.
        for (double gap = 0.1; gap > 1e-12; gap /= 10)
            if (Excess(1 - gap) < 0) return Brent.FindRoot(Excess, 0, 1 - gap, 1e-14);
        return 1;
    }
}
