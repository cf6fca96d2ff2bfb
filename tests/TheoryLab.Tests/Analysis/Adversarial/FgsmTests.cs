using TheoryLab.Analysis.Adversarial;
using TheoryLab.Torch;
using TorchSharp;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// FGSM against closed forms on an affine classifier: unclipped, the true class's margin over the other falls by
/// exactly ε‖w₁ − w₀‖₁ (ℓ∞) or ε‖w₁ − w₀‖₂ (ℓ2); clipping keeps every pixel in its bounds; normalisation inside the
/// threat gives the attack on the model that folds it into its weights, with ε in pixels.
/// </summary>
public class FgsmTests
{
    public FgsmTests() => TorchRuntime.EnsureLoaded();

    private const int D = 50, N = 64;

    private static (nn.Module<Tensor, Tensor> Model, Tensor W, Tensor X, Tensor Labels) Binary()
    {
        using var scale = 0.1.ToScalar();
        var weight = Normal(1, 2, D).mul(scale);
        var model = Affine(weight, Normal(2, 2).mul(scale));
        var x = Normal(3, N, D);
        return (model, weight[1].sub(weight[0]), x, Predictions(model, x));
    }

    /// <summary>f_y − f_other for each example.</summary>
    private static Tensor Margins(nn.Module<Tensor, Tensor> model, Tensor x, Tensor labels)
    {
        using var noGrad = no_grad();
        var logits = model.call(x);
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        var sign = labels.to(float64).mul(two).sub(one);
        return logits[.., 1].sub(logits[.., 0]).mul(sign);
    }

    [Theory]
    [InlineData(PerturbationNorm.Linf)]
    [InlineData(PerturbationNorm.L2)]
    public void OnAnAffineClassifier_TheMarginFallsByEpsilonTimesTheDualNormOfTheWeightDifference(PerturbationNorm norm)
    {
        var (model, w, x, labels) = Binary();
        const double epsilon = 0.07;
        var adversarial = Fgsm.Attack(model, ThreatModel.Fgsm(epsilon, norm, InputSpace.Unbounded), x, labels);
        double expected = epsilon * (norm == PerturbationNorm.Linf ? w.abs().sum() : w.norm()).AsDouble();
        using Scalar expectedChange = expected.ToScalar(), radius = epsilon.ToScalar();
        var change = Margins(model, x, labels).sub(Margins(model, adversarial, labels));
        Assert.True(change.sub(expectedChange).abs().max().AsDouble() < 1e-12 * expected, $"changes {change.min().AsDouble()} … {change.max().AsDouble()}, closed form {expected}");
        double size = (norm == PerturbationNorm.Linf ? adversarial.sub(x).abs().amax(1) : adversarial.sub(x).norm(1)).sub(radius).abs().max().AsDouble();
        Assert.True(size < 1e-12, $"perturbation sizes differ from ε by up to {size}");
    }

    [Fact]
    public void Clipping_KeepsEveryPixelInItsBounds_AndLeavesTheRestMovedByEpsilon()
    {
        var (model, _, _, _) = Binary();
        var x = Uniform(4, N, D);
        var labels = Predictions(model, x);
        const double epsilon = 0.25;
        var adversarial = Fgsm.Attack(model, ThreatModel.Fgsm(epsilon), x, labels);
        Assert.True(adversarial.min().AsDouble() >= 0 && adversarial.max().AsDouble() <= 1);
        var unclipped = Fgsm.Attack(model, ThreatModel.Fgsm(epsilon, space: InputSpace.Unbounded), x, labels);
        using Scalar low = 0.ToScalar(), high = 1.ToScalar();
        var inside = unclipped.ge(low).logical_and(unclipped.le(high));
        Assert.True(inside.logical_not().any().AsBoolean(), "no pixel left [0, 1]: the test would not see clipping");
        Assert.Equal(0, adversarial.masked_select(inside).sub(unclipped.masked_select(inside)).abs().max().AsDouble());
    }

    [Fact]
    public void Normalisation_IsTheAttackOnTheModelThatFoldsItIn_WithEpsilonInPixels()
    {
        const double mean = 0.4, std = 0.3, epsilon = 0.1;
        var weight = Normal(5, 3, D);
        var bias = Normal(6, 3);
        using var normalised = Affine(weight, bias);
        // W (x − μ)/σ + b = (W/σ) x + (b − W μ 1/σ): the same logits from pixels.
        using Scalar deviation = std.ToScalar(), shift = (mean / std).ToScalar();
        using var folded = Affine(weight.div(deviation), bias.sub(weight.sum(1).mul(shift)));
        var x = Uniform(7, N, D);
        var labels = Predictions(folded, x);
        var space = InputSpace.UnitPixels with { Mean = mean, Std = std };
        var viaSpace = Fgsm.Attack(normalised, ThreatModel.Fgsm(epsilon, space: space), x, labels);
        var viaFolded = Fgsm.Attack(folded, ThreatModel.Fgsm(epsilon), x, labels);
        Assert.True(viaSpace.sub(viaFolded).abs().max().AsDouble() < 1e-12);
        Assert.True(viaSpace.sub(x).abs().max().AsDouble() <= epsilon + 1e-12);
    }

    [Fact]
    public void ABadThreat_IsRefusedWithAMessage()
    {
        var (model, _, x, labels) = Binary();
        var error = Assert.Throws<TheoryLabException>(() => Fgsm.Attack(model, ThreatModel.Fgsm(-0.1), x, labels));
        Assert.Contains("ε", error.Message);
        Assert.Throws<TheoryLabException>(() => Fgsm.Attack(model, ThreatModel.Fgsm(0.1, space: InputSpace.UnitPixels with { Std = 0 }), x, labels));
    }
}
