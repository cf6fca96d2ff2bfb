using TheoryLab.Analysis.Adversarial;
using TheoryLab.Torch;
using TorchSharp;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// The universal-perturbation algorithm against closed forms on a linear binary classifier f(x) = w·x + b with every
/// image on the positive side: each DeepFool step points along −w, so v ends at the point of the ball that lowers
/// w·x the most, −ξ sign(w) for ℓ∞ and −ξ w/‖w‖₂ for ℓ2, once an image the ball cannot fool keeps pushing; the fooling
/// rate is then exactly the share of images with margin below ξ‖w‖₁ (ℓ∞) or ξ‖w‖₂ (ℓ2). And on a ReLU network: v
/// stays in the ball, the perturbed images in the input bounds, and the algorithm stops once it fools more than 1 − δ.
/// </summary>
public class UniversalPerturbationTests
{
    public UniversalPerturbationTests() => TorchRuntime.EnsureLoaded();

    private const int D = 16, N = 80;

    /// <summary>Weights of magnitude 0.5–1.5 and random signs (no coordinate so small that saturating it takes many passes), and images on the positive side.</summary>
    private static (nn.Module<Tensor, Tensor> Model, Tensor W, Tensor X, Tensor Margins) Linear()
    {
        var signs = Normal(41, D).sign();
        const double b = 0.3;
        using Scalar half = 0.5.ToScalar(), bias = b.ToScalar(), zero = 0.ToScalar();
        var w = Uniform(42, D).Plus(half).mul(signs);
        var x = Normal(43, 4 * N, D);
        var margins = x.matmul(w).Plus(bias);
        var positive = margins.gt(zero);
        x = x[positive][..N];
        margins = margins[positive][..N];
        // Logits (0, w·x + b): class 1 wherever the margin is positive.
        var model = Affine(stack([zeros(D, dtype: float64), w]), tensor(new[] { 0.0, b }, dtype: float64));
        return (model, w, x, margins);
    }

    [Theory]
    [InlineData(PerturbationNorm.Linf)]
    [InlineData(PerturbationNorm.L2)]
    public void OnALinearClassifier_VEndsAtTheBallsSteepestPoint_AndFoolsExactlyTheMarginsBelowItsReach(PerturbationNorm norm)
    {
        var (model, w, x, margins) = Linear();
        double dual = norm == PerturbationNorm.Linf ? w.abs().sum().AsDouble() : w.norm().AsDouble();   // max of −w·v over the ball is ξ × this
        var sorted = margins.sort().Values;
        double radius = (sorted[N / 2 - 1].AsDouble() + sorted[N / 2].AsDouble()) / 2 / dual;                 // half the images out of reach, none near its edge
        using var result = UniversalPerturbation.Compute(model, InputSpace.Unbounded, x, norm, radius, delta: 0, maxPasses: 30);
        using Scalar step = radius.ToScalar(), reach = (radius * dual).ToScalar();
        var expected = norm == PerturbationNorm.Linf ? w.sign().neg().mul(step) : w.div(w.norm()).neg().mul(step);
        Assert.True(result.Perturbation.sub(expected).abs().max().AsDouble() < 1e-12, $"v differs from the closed form by {result.Perturbation.sub(expected).abs().max().AsDouble()}");
        double exact = margins.lt(reach).to(float64).mean().AsDouble();
        Assert.Equal(exact, result.FoolingRates[^1]);
        Assert.Equal(exact, UniversalPerturbation.FoolingRate(model, InputSpace.Unbounded, x, result.Perturbation));
        Assert.Equal(30, result.Passes);   // δ = 0 asks for more than every image: the pass cap ends it
    }

    [Theory]
    [InlineData(PerturbationNorm.Linf, 0.2)]
    [InlineData(PerturbationNorm.L2, 1.5)]
    public void OnAReluNetwork_VLiesInTheBall_AndThePerturbedImagesInTheBounds(PerturbationNorm norm, double radius)
    {
        var model = Perceptron(51, D, 12, 4);
        var x = Uniform(52, N, D);
        using var result = UniversalPerturbation.Compute(model, InputSpace.UnitPixels, x, norm, radius, delta: 0, maxPasses: 3);
        var v = result.Perturbation;
        double size = norm == PerturbationNorm.Linf ? v.abs().max().AsDouble() : v.norm().AsDouble();
        Assert.True(size <= radius * (1 + 1e-12), $"‖v‖ = {size} above ξ = {radius}");
        Assert.True(size > radius / 2, $"‖v‖ = {size}: v hardly moved, the check would be empty");
        var perturbed = InputSpace.UnitPixels.Confine(x.Plus(v));
        Assert.True(perturbed.min().AsDouble() >= 0 && perturbed.max().AsDouble() <= 1);
        Assert.True(result.FoolingRates[^1] > 0, "v fooled nothing");
    }

    [Fact]
    public void StopsAfterThePassWhoseFoolingRateExceedsOneMinusDelta()
    {
        var model = Perceptron(51, D, 12, 4);
        var x = Uniform(52, N, D);
        const double delta = 0.9;
        using var result = UniversalPerturbation.Compute(model, InputSpace.UnitPixels, x, PerturbationNorm.Linf, 0.5, delta, maxPasses: 10);
        Assert.Equal(result.Passes, result.FoolingRates.Length);
        Assert.True(result.FoolingRates[^1] > 1 - delta);
        Assert.All(result.FoolingRates[..^1], rate => Assert.True(rate <= 1 - delta));
    }
}
