using System.Numerics;
using TheoryLab.Numerics;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// The spectrum of JJᵀ for the input–output Jacobian J = D^L W^L ⋯ D^1 W^1 (D^l = diag φ′(h^l)) of a deep random network
/// whose pre-activations sit at the fixed point q*, in the limit of infinite width at fixed depth L, by free probability
/// (Pennington, Schoenholz and Ganguli 2017, 2018). With ψ(t) = Σ_k m_k t^k the moment generating function of a
/// spectrum and S(z) = (1 + z)/z · ψ⁻¹(z) its S-transform, freeness of the layers gives
/// S_{JJᵀ} = Π_l S_{W_lᵀW_l} S_{D_l²}; every layer here is alike, so S_{JJᵀ} = (S_{WᵀW} S_{D²})^L.
/// <para>
/// Moments: S(z) = (1/m₁)(1 − v z + O(z²)) with v = m₂/m₁² − 1 the normalised variance, so the mean m₁ and v of a product
/// of free factors are the product of the means and the sum of the v's: mean λ = (σ_w² μ₁)^L = χ₁^L and
/// var λ = χ₁^{2L} L (μ₂/μ₁² − 1 − s₁), μ_k = E[φ′(h)^{2k}], s₁ = S′(0)/S(0) for the weights with σ_w² = 1 (−1 Gaussian, 0
/// orthogonal): Pennington et al.'s σ²_{JJᵀ} = L(μ₂/μ₁² − 1 − s₁) at χ₁ = 1.
/// </para>
/// <para>
/// Density: for x outside the spectrum z = ψ(1/x) solves z/(1 + z) · S_{JJᵀ}(z) = 1/x; the density is −Im G(x + i0)/π with
/// G(x) = (1 + z)/x. S_{D²}(z) = (1 + z) y /z where ψ_{D²}(y) = z, with the law of D² = φ′(√q* ζ)², ζ ~ N(0, 1), held as the
/// atoms of the piecewise Gauss–Legendre rule (exact for the two-valued laws of ReLU and hard-tanh). Newton's method on
/// (z, y) is continued from the upper edge of the spectrum (the first maximum of 1/x along the real branch) downwards.
/// </para>
/// </summary>
public sealed class JacobianSpectrum
{
    /// <summary>Gauss–Legendre nodes per piece of the rule whose atoms stand for the law of φ′(h)².</summary>
    private const int NodesPerPiece = 96;

    private readonly double[] _slopes;
    private readonly double[] _weights;
    private readonly Func<Complex, (Complex Value, Complex Slope)> _gram;
    private (double Y, double Z, double T, double Curvature)? _edge;

    internal JacobianSpectrum(MlpSpec spec)
    {
        Spec = spec;
        _gram = spec.Weights.GramSTransform
            ?? throw new TheoryLabException($"no free-probability law is modelled for {spec.Weights.Name} weights; use gaussian or orthogonal weights for a Jacobian spectrum.");
        QStar = spec.MeanField().QStar;
        if (!double.IsFinite(QStar))
            throw new TheoryLabException($"{spec.Activation.Name} with σ_w² = {spec.SigmaW2}, σ_b² = {spec.SigmaB2} has no finite fixed point q*: lengths grow without bound, so the Jacobian has no stationary spectrum; lower σ_w².");
        (_slopes, _weights) = SlopeLaw(spec.Activation, QStar);
        Mu1 = Moment(1);
        Mu2 = Moment(2);
        var (s, slope) = _gram(Complex.Zero);
        GramS1 = (slope / s).Real;
    }

    public MlpSpec Spec { get; }

    /// <summary>L, the number of factors D^l W^l.</summary>
    public int Depth => Spec.Depth;

    /// <summary>The fixed point of the length map at which every layer's D² is evaluated.</summary>
    public double QStar { get; }

    /// <summary>μ₁ = E[φ′(h)²], h ~ N(0, q*).</summary>
    public double Mu1 { get; }

    /// <summary>μ₂ = E[φ′(h)⁴].</summary>
    public double Mu2 { get; }

    /// <summary>s₁ = S′(0)/S(0) of WᵀW: −1 for Gaussian weights, 0 for orthogonal ones.</summary>
    public double GramS1 { get; }

    /// <summary>χ₁ = σ_w² μ₁, the mean of one layer's D²·WᵀW spectrum.</summary>
    public double Chi1 => Spec.SigmaW2 * Mu1;

    /// <summary>The mean eigenvalue of JJᵀ (the mean squared singular value of J): χ₁^L.</summary>
    public double Mean => Math.Pow(Chi1, Depth);

    /// <summary>The variance of the eigenvalues of JJᵀ: χ₁^{2L} L (μ₂/μ₁² − 1 − s₁).</summary>
    public double Variance => Mean * Mean * Depth * NormalisedLayerVariance;

    /// <summary>
    /// The fraction of eigenvalues of JJᵀ that are exactly 0: P(φ′(h) = 0) (1/2 for ReLU), since the kernel of a product of
    /// free factors is as large as the largest of theirs.
    /// </summary>
    public double ZeroFraction => _slopes.Zip(_weights).Where(a => a.First == 0).Sum(a => a.Second);

    /// <summary>True when every eigenvalue equals <see cref="Mean"/> (orthogonal weights with φ′ constant at q*: linear, or q* = 0).</summary>
    public bool IsPointMass => NormalisedLayerVariance < 1e-14;

    /// <summary>The upper edge of the spectrum of JJᵀ; the largest singular value of J tends to its square root.</summary>
    public double LargestEigenvalue => IsPointMass ? Mean : 1 / Edge.T;

    /// <summary>μ₂/μ₁² − 1 − s₁: the normalised variance one layer adds.</summary>
    private double NormalisedLayerVariance => Mu2 / (Mu1 * Mu1) - 1 - GramS1;

    /// <summary>E[φ′(h)^{2k}] from the same atoms the density uses.</summary>
    public double Moment(int k)
    {
        double sum = 0;
        for (int i = 0; i < _slopes.Length; i++) sum += _weights[i] * Math.Pow(_slopes[i], k);
        return sum;
    }

    /// <summary>
    /// The density of the continuous part of the eigenvalue distribution of JJᵀ at each λ &gt; 0 (its integral is
    /// 1 − <see cref="ZeroFraction"/>); 0 above the upper edge. Throws for a point mass, which has no density.
    /// </summary>
    public double[] EigenvalueDensity(IReadOnlyList<double> lambdas)
    {
        if (IsPointMass) throw new InvalidOperationException("the spectrum is a point mass; it has no density");
        var edge = Edge;
        double top = 1 / edge.T;
        // A tiny imaginary part keeps the continuation on one analytic branch through gaps and lower edges.
        double eta = 1e-12 * top;
        var order = Enumerable.Range(0, lambdas.Count).OrderByDescending(i => lambdas[i]).ToArray();
        var density = new double[lambdas.Count];

        // Start just below the edge on the root with Im z < 0 (t − t_c ≈ ½ t_yy (y − y_c)², t_yy < 0), at two points so
        // that every later step has a linear predictor.
        var previous = StartBelowEdge(edge, top * (1 - 1e-8), eta);
        var state = StartBelowEdge(edge, top * (1 - 4e-8), eta);
        foreach (int i in order)
        {
            double x = lambdas[i];
            if (x >= state.X) { density[i] = x >= top ? 0 : Density(new Complex(x, eta), state.Z); continue; }
            if (!(x > 0)) { density[i] = double.NaN; continue; }
            bool stuck = false;
            while (state.X > x && !stuck)
            {
                // Steps grow at most fourfold, so the linear predictor never extrapolates far beyond what it has seen.
                double step = Math.Min(state.X - x, 4 * (previous.X - state.X));
                stuck = true;
                while (step > 1e-15 * top)
                {
                    double next = step == state.X - x ? x : state.X - step;
                    double fraction = (state.X - next) / (previous.X - state.X);
                    var zGuess = state.Z + (state.Z - previous.Z) * fraction;
                    var yGuess = state.Y + (state.Y - previous.Y) * fraction;
                    var at = new Complex(next, eta);
                    if (Solve(at, zGuess, yGuess) is { } solved && Plausible(state.Z, zGuess, solved.Z) && OnPhysicalSheet(at, solved.Z))
                    {
                        previous = state;
                        state = (next, solved.Z, solved.Y);
                        stuck = false;
                        break;
                    }
                    step /= 4;
                }
            }
            density[i] = stuck ? double.NaN : Density(new Complex(x, eta), state.Z);
        }
        return density;
    }

    /// <summary>The density of the singular values σ of J: 2σ ρ(σ²).</summary>
    public double[] SingularValueDensity(IReadOnlyList<double> sigmas)
    {
        var rho = EigenvalueDensity([.. sigmas.Select(s => s * s)]);
        return [.. sigmas.Select((s, i) => 2 * s * rho[i])];
    }

    /// <summary>The root (z, y) at x just below the upper edge, from the quadratic expansion of t(y) there, polished by Newton.</summary>
    private (double X, Complex Z, Complex Y) StartBelowEdge((double Y, double Z, double T, double Curvature) edge, double x, double eta)
    {
        var y = new Complex(edge.Y, -Math.Sqrt(2 * (1 / x - edge.T) / -edge.Curvature));
        var z = edge.Z + PsiWithSlope(edge.Y).Slope.Real * (y - edge.Y);
        return Solve(new Complex(x, eta), z, y) is { } solved ? (x, solved.Z, solved.Y) : (x, z, y);
    }

    private static double Density(Complex x, Complex z) => Math.Max(0, -((1 + z) / x).Imaginary / Math.PI);

    /// <summary>G(x + iη) = (1 + z)/(x + iη) has Im G ≤ 0 on the physical sheet; the conjugate root has Im G &gt; 0.</summary>
    private static bool OnPhysicalSheet(Complex x, Complex z) => ((1 + z) / x).Imaginary <= 1e-9 * ((1 + z) / x).Magnitude;

    /// <summary>A corrector that moved less than a third of the predicted step stayed on the branch.</summary>
    private static bool Plausible(Complex current, Complex predicted, Complex corrected) =>
        (corrected - predicted).Magnitude <= 0.3 * (predicted - current).Magnitude + 1e-9 * (1 + current.Magnitude);

    /// <summary>Newton on E₁ = ψ_{D²}(y) − z, E₂ = z u^L − t(1 + z), u = (1 + z) y S_W(z)/(σ_w² z), t = 1/x.</summary>
    private (Complex Z, Complex Y)? Solve(Complex x, Complex z, Complex y)
    {
        Complex t = 1 / x;
        int depth = Depth;
        double sigmaW2 = Spec.SigmaW2;
        for (int iteration = 0; iteration < 60; iteration++)
        {
            var (psi, psiSlope) = PsiWithSlope(y);
            var (g, gSlope) = _gram(z);
            Complex a = (1 + z) * g / (sigmaW2 * z);
            Complex aSlope = ((g + (1 + z) * gSlope) * z - (1 + z) * g) / (sigmaW2 * z * z);
            Complex u = a * y;
            Complex uPower = Complex.Pow(u, depth - 1);
            Complex e1 = psi - z;
            Complex e2 = z * uPower * u - t * (1 + z);
            // Near an edge the Jacobian is nearly singular and the steps stall at rounding level, so convergence is
            // judged by the residuals, relative to the terms that cancel in them.
            if (e1.Magnitude <= 1e-13 * (1 + z.Magnitude) && e2.Magnitude <= 1e-12 * (t * (1 + z)).Magnitude) return (z, y);
            Complex e2z = uPower * u + z * depth * uPower * y * aSlope - t;
            Complex e2y = z * depth * uPower * a;
            // [−1, ψ′; e2z, e2y] (dz, dy) = −(e1, e2)
            Complex determinant = -e2y - psiSlope * e2z;
            Complex dz = (psiSlope * e2 - e1 * e2y) / determinant;
            Complex dy = (-e2 - e2z * dz) / e2y;
            if (!double.IsFinite(dz.Real) || !double.IsFinite(dz.Imaginary) || !double.IsFinite(dy.Real) || !double.IsFinite(dy.Imaginary)) return null;
            z += dz;
            y += dy;
        }
        return null;
    }

    /// <summary>ψ_{D²}(y) = E[y d/(1 − y d)] and its slope E[d/(1 − y d)²] over the atoms d of the law of φ′(h)².</summary>
    private (Complex Value, Complex Slope) PsiWithSlope(Complex y)
    {
        Complex value = 0, slope = 0;
        for (int i = 0; i < _slopes.Length; i++)
        {
            double d = _slopes[i];
            if (d == 0) continue;
            Complex inverse = 1 / (1 - y * d);
            value += _weights[i] * (inverse - 1);
            slope += _weights[i] * d * inverse * inverse;
        }
        return (value, slope);
    }

    /// <summary>1/x along the real branch, parametrised by y ∈ (0, 1/max d): z = ψ(y), t = z u^L/(1 + z).</summary>
    private double RealBranchT(double y)
    {
        double z = PsiWithSlope(y).Value.Real;
        double g = _gram(z).Value.Real;
        double u = (1 + z) * y * g / (Spec.SigmaW2 * z);
        return z * Math.Pow(u, Depth) / (1 + z);
    }

    /// <summary>The upper edge: the first local maximum of t(y) on the real branch, by a scan and golden-section search.</summary>
    private (double Y, double Z, double T, double Curvature) Edge => _edge ??= FindEdge();

    private (double Y, double Z, double T, double Curvature) FindEdge()
    {
        double pole = 1 / _slopes.Max();
        const int scan = 4000;
        int peak = -1;
        double previous = RealBranchT(pole / scan);
        for (int k = 2; k < scan; k++)
        {
            double current = RealBranchT(pole * k / scan);
            if (current < previous) { peak = k - 1; break; }
            previous = current;
        }
        if (peak < 0) throw new InvalidOperationException("the real branch of 1/x has no maximum: the spectrum's upper edge is an atom");
        double lo = pole * (peak - 1) / scan, hi = pole * (peak + 1) / scan;
        double ratio = (Math.Sqrt(5) - 1) / 2;
        while (hi - lo > 1e-13 * hi)
        {
            double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
            if (RealBranchT(a) > RealBranchT(b)) hi = b; else lo = a;
        }
        double y = 0.5 * (lo + hi);
        double h = 1e-4 * y;
        double curvature = (RealBranchT(y + h) - 2 * RealBranchT(y) + RealBranchT(y - h)) / (h * h);
        return (y, PsiWithSlope(y).Value.Real, RealBranchT(y), curvature);
    }

    /// <summary>
    /// The law of φ′(h)², h ~ N(0, q), as the nodes of the piecewise Gauss–Legendre rule split at the activation's kinks;
    /// at q = 0 its limit q → 0⁺ (φ′(0)² for smooth φ, but ReLU's slopes stay 0 or 1 with probability ½ each).
    /// </summary>
    private static (double[] Slopes, double[] Weights) SlopeLaw(Activation activation, double q)
    {
        double r = q > 0 ? Math.Sqrt(q) : 1e-150;
        var rule = GaussianQuadrature.Piecewise(activation.Kinks.Select(k => k / r), NodesPerPiece);
        var slopes = new double[rule.Count];
        var weights = rule.Weights.ToArray();
        double total = weights.Sum();
        for (int i = 0; i < rule.Count; i++)
        {
            double d = activation.Derivative(r * rule.Nodes[i]);
            slopes[i] = d * d;
            weights[i] /= total;
        }
        return (slopes, weights);
    }
}
