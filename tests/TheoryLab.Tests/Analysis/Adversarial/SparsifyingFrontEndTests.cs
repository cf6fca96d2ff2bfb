using TheoryLab.Analysis.Adversarial;
using TheoryLab.Numerics;
using TheoryLab.Torch;
using TorchSharp;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// The sparsifying front end x ↦ Ψᵀ top_K(Ψ x): it keeps exactly the K largest magnitudes (ties to the lower index),
/// it is the projection Ψ_Sᵀ Ψ_S computed by hand, and through it FGSM moves a linear classifier's margin by exactly
/// ε‖P_S w‖₁ where the selection provably cannot change, which is also the measured local Lipschitz constant; and the
/// random-subspace scale √(K/N) bounds the exact expected shrinkage (1/N) Σᵢ √(P_S)ᵢᵢ, which a Monte Carlo average meets.
/// </summary>
public class SparsifyingFrontEndTests
{
    public SparsifyingFrontEndTests() => TorchRuntime.EnsureLoaded();

    private const int Side = 28, N = Side * Side;

    [Theory]
    [InlineData("haar", 1)]
    [InlineData("haar", 24)]
    [InlineData("dct", 50)]
    [InlineData("dct", 783)]
    public void Selection_KeepsExactlyTheKLargestMagnitudes(string name, int keep)
    {
        using var frontEnd = new SparsifyingFrontEnd(SeparableBasis.Named(name, Side), keep);
        var coefficients = Normal(5, 6, Side, Side);   // continuous draws: no two magnitudes tie
        var mask = frontEnd.Selection(coefficients).flatten(1);
        var magnitudes = coefficients.flatten(1).abs();
        using var zero = 0.ToScalar();
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(keep, mask[i].sum().AsDouble());
            double smallestKept = magnitudes[i].masked_select(mask[i].gt(zero)).min().AsDouble();
            double largestDropped = keep == N ? double.NegativeInfinity : magnitudes[i].masked_select(mask[i].eq(zero)).max().AsDouble();
            Assert.True(smallestKept > largestDropped, $"image {i}: kept {smallestKept} but dropped {largestDropped}");
        }
    }

    [Fact]
    public void Selection_BreaksTiesTowardTheLowerIndex()
    {
        using var frontEnd = new SparsifyingFrontEnd(SeparableBasis.Haar(Side), 3);
        var coefficients = zeros(1, Side, Side, dtype: float64);
        // Five coefficients of magnitude 2 at flat indices 700, 40, 3, 500, 41 (signs mixed), one of 5 at 600: 600 and then the two lowest ties, 3 and 40.
        var flat = coefficients.view(-1);
        foreach (var (index, value) in new[] { (700, 2.0), (40, -2.0), (3, 2.0), (500, -2.0), (41, 2.0), (600, 5.0) }) flat[index] = value;
        var kept = frontEnd.Selection(coefficients).view(-1).nonzero().view(-1).data<long>().ToArray();
        Assert.Equal([3L, 40L, 600L], kept);
    }

    [Fact]
    public void Output_IsTheProjectionOntoTheSelectedBasisImages_ComputedByHand()
    {
        var basis = SeparableBasis.Haar(Side);
        using var frontEnd = new SparsifyingFrontEnd(basis, 24);
        var x = Uniform(6, 3, Side, Side);
        var output = frontEnd.call(x);
        for (int i = 0; i < 3; i++)
        {
            var image = x[i].flatten().data<double>().ToArray();
            var c = basis.Analyse(image);
            double threshold = c.Select(Math.Abs).OrderDescending().ElementAt(23);
            var expected = basis.Synthesise([.. c.Select(v => Math.Abs(v) >= threshold ? v : 0)]);
            var measured = output[i].flatten().data<double>().ToArray();
            Assert.True(measured.Zip(expected, (a, b) => Math.Abs(a - b)).Max() < 1e-12, $"image {i} differs from Ψ_Sᵀ Ψ_S x");
        }
    }

    /// <summary>
    /// Images whose coefficients are 10 at K chosen places and at most 0.5 in magnitude elsewhere: an ℓ∞ perturbation of ε
    /// moves a coefficient by at most ε‖ψ_k‖₁ ≤ ε √N = 0.28 at ε = 0.01, so the selection cannot change.
    /// </summary>
    private static (Tensor Images, Tensor Mask) WellSeparated(SeparableBasis basis, int keep, int count, ulong seed)
    {
        using Scalar one = 1.0.ToScalar(), half = 0.5.ToScalar(), zero = 0.ToScalar(), selected = 10.0.ToScalar();
        var coefficients = Uniform(seed, count, N).mul(one).sub(half);
        var mask = zeros(count, N, dtype: float64);
        using var generator = new Generator(seed + 1);
        for (int i = 0; i < count; i++)
        {
            var places = randperm(N, generator: generator)[..keep];
            mask[i].index_fill_(0, places, one);
        }
        coefficients = where(mask.gt(zero), full_like(coefficients, selected), coefficients);
        var images = stack(Enumerable.Range(0, count).Select(i => tensor(basis.Synthesise(coefficients[i].data<double>().ToArray()), dtype: float64).reshape(Side, Side)));
        return (images, mask);
    }

    /// <summary>P_S w for each image's selection S (a row of <paramref name="mask"/>), by the basis's own arithmetic.</summary>
    private static double[] Projected(SeparableBasis basis, Tensor mask, int i, double[] w)
    {
        var c = basis.Analyse(w);
        var m = mask[i].data<double>().ToArray();
        return basis.Synthesise([.. c.Select((v, k) => v * m[k])]);
    }

    [Theory]
    [InlineData("haar")]
    [InlineData("dct")]
    public void Fgsm_ThroughTheFrontEnd_MovesALinearMarginByExactlyEpsilonTimesTheProjectedWeightsL1Norm(string name)
    {
        const int keep = 30, count = 8;
        const double epsilon = 0.01;
        var basis = SeparableBasis.Named(name, Side);
        var (images, mask) = WellSeparated(basis, keep, count, 40);
        var w = Normal(41, N);
        using Scalar minusTwo = (-2).ToScalar(), two = 2.ToScalar();
        // Logits (−w·x/2, w·x/2): the margin of class 1 over class 0 is w·x; labels 1 so FGSM pushes it down. Splitting w between
        // both logits keeps the loss gradient −p₀ P_S w nonzero where 1 − p₁ rounds to 0, at margins above about 37.
        using var frontEnd = new SparsifyingFrontEnd(basis, keep);
        using var model = frontEnd.Before(nn.Sequential(("flatten", nn.Flatten()), ("linear", Affine(stack([w.div(minusTwo), w.div(two)]), zeros(2, dtype: float64)))));
        var labels = ones(count, dtype: int64);
        Assert.True(frontEnd.Selection(frontEnd.Coefficients(images)).flatten(1).eq(mask).all().AsBoolean(), "the constructed selection is not the front end's");

        var adversarial = Fgsm.Attack(model, ThreatModel.Fgsm(epsilon, space: InputSpace.Unbounded), images, labels);
        Assert.True(frontEnd.Selection(frontEnd.Coefficients(adversarial)).flatten(1).eq(mask).all().AsBoolean(), "FGSM changed the selection");
        Tensor Margins(Tensor x)
        {
            using var noGrad = no_grad();
            var logits = model.call(x);
            return logits[.., 1].sub(logits[.., 0]);
        }
        var change = Margins(images).sub(Margins(adversarial));
        var lipschitz = MarginGradient.L1Norms(model, InputSpace.Unbounded, images, labels);
        var weights = w.data<double>().ToArray();
        for (int i = 0; i < count; i++)
        {
            double closedForm = Projected(basis, mask, i, weights).Sum(Math.Abs);
            Assert.True(Math.Abs(change[i].AsDouble() / (epsilon * closedForm) - 1) < 1e-9, $"image {i}: margin moved {change[i].AsDouble()}, ε‖P_S w‖₁ = {epsilon * closedForm}");
            Assert.True(Math.Abs(lipschitz[i].AsDouble() / closedForm - 1) < 1e-12, $"image {i}: ‖∇ₓ m‖₁ = {lipschitz[i].AsDouble()}, ‖P_S w‖₁ = {closedForm}");
            Assert.True(closedForm < weights.Sum(Math.Abs) / 2, "the projection did not shrink ‖w‖₁: the check would not tell the front end apart");
        }
        // Without the front end the same measurement is ‖w‖₁ (Goodfellow et al.'s ε‖w‖₁).
        using var bare = nn.Sequential(("flatten", nn.Flatten()), ("linear", Affine(stack([w.div(minusTwo), w.div(two)]), zeros(2, dtype: float64))));
        Assert.True(MarginGradient.L1Norms(bare, InputSpace.Unbounded, images, labels).sub(w.abs().sum()).abs().max().AsDouble() < 1e-10);
    }

    [Theory]
    [InlineData("haar", 16)]
    [InlineData("dct", 50)]
    public void ExpectedShrinkage_OfAGaussianGradient_IsTheMeanRootDiagonal_BelowRootKOverN(string name, int keep)
    {
        // For g ~ N(0, I): E|(P g)ᵢ| = √(2/π) √Pᵢᵢ and E|gᵢ| = √(2/π), so E‖P g‖₁ / E‖g‖₁ = (1/N) Σᵢ √Pᵢᵢ ≤ √(trace P / N) = √(K/N) (Jensen).
        var basis = SeparableBasis.Named(name, Side);
        var random = new Random(9);
        var selected = Enumerable.Range(0, N).OrderBy(_ => random.Next()).Take(keep).ToHashSet();
        var diagonal = new double[N];
        var m = basis.Matrix;
        foreach (int k in selected)
            for (int p = 0; p < N; p++)
            {
                double psi = m[k / Side, p / Side] * m[k % Side, p % Side];   // (M ⊗ M)[k, p]
                diagonal[p] += psi * psi;
            }
        double exact = diagonal.Average(Math.Sqrt);
        Assert.True(exact <= Math.Sqrt((double)keep / N) + 1e-12);

        const int draws = 4000;
        var g = Normal(12, draws, N);
        var mask = zeros(N, dtype: float64);
        foreach (int k in selected) mask[k] = 1.0;
        using var frontEnd = new SparsifyingFrontEnd(basis, keep);
        var coefficients = frontEnd.Coefficients(g.reshape(draws, Side, Side)).flatten(1).mul(mask);
        var mt = tensor(Enumerable.Range(0, Side * Side).Select(i => m[i / Side, i % Side]).ToArray(), dtype: float64).reshape(Side, Side);
        var projected = mt.t().matmul(coefficients.reshape(draws, Side, Side)).matmul(mt);
        double ratio = projected.abs().sum().AsDouble() / g.abs().sum().AsDouble();
        // Standard error of the ratio of sums, from the per-draw ℓ1 norms' spread (about 1 % of the mean at 4,000 draws).
        var perDraw = projected.flatten(1).abs().sum(1);
        double se = perDraw.std().AsDouble() / Math.Sqrt(draws) / (g.abs().sum().AsDouble() / draws);
        Assert.True(Math.Abs(ratio - exact) < 5 * se, $"Monte Carlo {ratio}, exact {exact}, standard error {se}");
    }
}
