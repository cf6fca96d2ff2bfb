using TheoryLab.Torch;
using TheoryLab.Training.Gans;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Gans;

/// <summary>
/// The GAN losses written on logits against the log-probability forms of Goodfellow et al., and their gradients with
/// respect to the logit against autograd and against central differences of the loss: the minimax loss's gradient
/// vanishes as D(G(z)) → 0, the non-saturating loss's tends to −1.
/// </summary>
public class GanLossTests
{
    public GanLossTests() => TorchRuntime.EnsureLoaded();

    private static double Sigmoid(double l) => 1 / (1 + Math.Exp(-l));

    [Theory]
    [InlineData(-3.0)]
    [InlineData(-0.4)]
    [InlineData(0.0)]
    [InlineData(2.5)]
    public void Losses_EqualTheirLogProbabilityForms(double logit)
    {
        using var l = tensor(new[] { logit }, dtype: float64);
        double d = Sigmoid(logit);
        Assert.Equal(-Math.Log(d), GanLoss.Generator(l, GeneratorObjective.NonSaturating).AsDouble(), 12);
        Assert.Equal(Math.Log(1 - d), GanLoss.Generator(l, GeneratorObjective.Minimax).AsDouble(), 12);
        // The same logit for a real and a generated sample: −log D − log(1 − D).
        Assert.Equal(-Math.Log(d) - Math.Log(1 - d), GanLoss.Discriminator(l, l).AsDouble(), 12);
    }

    [Fact]
    public void DiscriminatorLoss_AtDEqualToOneHalfEverywhere_IsLogFour()
    {
        using var zero = zeros(100, dtype: float64);
        Assert.Equal(Math.Log(4), GanLoss.Discriminator(zero, zero).AsDouble(), 12);
    }

    [Theory]
    [InlineData(-12.0, GeneratorObjective.NonSaturating)]
    [InlineData(-12.0, GeneratorObjective.Minimax)]
    [InlineData(-1.0, GeneratorObjective.NonSaturating)]
    [InlineData(-1.0, GeneratorObjective.Minimax)]
    [InlineData(3.0, GeneratorObjective.NonSaturating)]
    [InlineData(3.0, GeneratorObjective.Minimax)]
    public void LogitGradient_AgreesWithAutogradAndWithCentralDifferences(double logit, GeneratorObjective objective)
    {
        using var l = tensor(new[] { logit }, dtype: float64, requires_grad: true);
        GanLoss.Generator(l, objective).backward();
        double closedForm = GanLoss.LogitGradient(logit, objective);
        Assert.Equal(closedForm, l.grad!.AsDouble(), 12);
        const double h = 1e-5;
        double Loss(double x)
        {
            using var t = tensor(new[] { x }, dtype: float64);
            return GanLoss.Generator(t, objective).AsDouble();
        }
        Assert.Equal(closedForm, (Loss(logit + h) - Loss(logit - h)) / (2 * h), 7);
    }

    [Fact]
    public void WhenTheDiscriminatorRejectsTheSamples_TheMinimaxGradientVanishes_AndTheNonSaturatingOneDoesNot()
    {
        // D(G(z)) = σ(−12) ≈ 6·10⁻⁶: the start of training, when D tells generated samples apart easily.
        double rejected = -12;
        Assert.Equal(-Sigmoid(rejected), GanLoss.LogitGradient(rejected, GeneratorObjective.Minimax), 15);
        Assert.True(Math.Abs(GanLoss.LogitGradient(rejected, GeneratorObjective.Minimax)) < 1e-5);
        Assert.True(GanLoss.LogitGradient(rejected, GeneratorObjective.NonSaturating) < -0.9999);
        // At D = 1/2 the two agree.
        Assert.Equal(GanLoss.LogitGradient(0, GeneratorObjective.Minimax), GanLoss.LogitGradient(0, GeneratorObjective.NonSaturating), 15);
    }
}
