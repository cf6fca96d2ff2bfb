using TheoryLab.Data.Toy;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Gans;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Gans;

/// <summary>
/// Goodfellow et al.'s Proposition 1 and Theorem 1 against a discriminator trained by <see cref="GanLoss.Discriminator"/>:
/// for a fixed generator the trained D approaches D* = p_data/(p_data + p_g), and the loss there approaches
/// log 4 − 2 JS(p_data ‖ p_g), with the Jensen–Shannon divergence computed apart by the midpoint rule.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class OptimalDiscriminatorTests
{
    public OptimalDiscriminatorTests() => TorchRuntime.EnsureLoaded();

    /// <summary>Trains <paramref name="discriminator"/> on fresh batches of real and generated samples by Adam.</summary>
    private static void Train(nn.Module<Tensor, Tensor> discriminator, Func<Tensor> real, Func<Tensor> fake, int steps)
    {
        var parameters = discriminator.parameters().ToArray();
        using var adam = new Adam(0.01);
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            discriminator.zero_grad();
            GanLoss.Discriminator(discriminator.call(real()), discriminator.call(fake())).backward();
            adam.Step(parameters, Trainer.Gradients(parameters));
        }
    }

    [Fact]
    public void ForTwoUnitGaussians_TheTrainedLogisticDiscriminatorIsSigmoidOf2x_AndItsLossIsLog4MinusTwiceJS()
    {
        // p_data = N(1, 1), p_g = N(−1, 1): log p_data − log p_g = 2x, so D*(x) = σ(2x), which an affine logit can hold.
        using var generator = new Generator(17);
        using var discriminator = new Mlp([1, 1], Activations.Relu, TorchDefaultInitialisation.Instance, generator, ScalarType.Float64);
        using var one = 1.ToScalar();
        Train(discriminator, () => randn([1024, 1], dtype: float64, generator: generator) + one, () => randn([1024, 1], dtype: float64, generator: generator) - one, 3000);
        var layer = discriminator.Layers[0];
        Assert.Equal(2, layer.weight!.AsDouble(), 1);
        Assert.Equal(0, layer.bias!.AsDouble(), 1);

        using var noGrad = no_grad();
        using var real = randn([200_000, 1], dtype: float64, generator: generator) + one;
        using var fake = randn([200_000, 1], dtype: float64, generator: generator) - one;
        double loss = GanLoss.Discriminator(discriminator.call(real), discriminator.call(fake)).AsDouble();
        Assert.Equal(Math.Log(4) - 2 * JensenShannonOfUnitGaussians(1, -1), loss, 2);
    }

    [Fact]
    public void WhenTheGeneratorIsTheTarget_TheTrainedDiscriminatorStaysNearOneHalf_AndItsLossNearLog4()
    {
        var ring = PlanarMixture.Ring();
        using var generator = new Generator(23);
        using var discriminator = new Mlp([2, 64, 64, 1], Activations.Relu, TorchDefaultInitialisation.Instance, generator, ScalarType.Float32);
        int seed = 0;
        Tensor Draw() => tensor(ring.Sample(512, seed++)).reshape(512, 2);
        Train(discriminator, Draw, Draw, 400);

        using var noGrad = no_grad();
        using var points = tensor(ring.Sample(20_000, 999)).reshape(20_000, 2);
        using var d = discriminator.call(points).sigmoid();
        Assert.InRange(d.mean().AsDouble(), 0.45, 0.55);
        using var other = tensor(ring.Sample(20_000, 1000)).reshape(20_000, 2);
        double loss = GanLoss.Discriminator(discriminator.call(points), discriminator.call(other)).AsDouble();
        Assert.Equal(Math.Log(4), loss, 2);
    }

    /// <summary>JS(N(a, 1) ‖ N(b, 1)) = ½ KL(p ‖ m) + ½ KL(q ‖ m) with m = (p + q)/2, by the midpoint rule on a wide interval.</summary>
    private static double JensenShannonOfUnitGaussians(double a, double b)
    {
        static double Normal(double x, double mean) => Math.Exp(-(x - mean) * (x - mean) / 2) / Math.Sqrt(2 * Math.PI);
        const double h = 1e-3;
        double js = 0;
        for (double x = -15 + h / 2; x < 15; x += h)
        {
            double p = Normal(x, a), q = Normal(x, b), m = (p + q) / 2;
            if (p > 0) js += 0.5 * p * Math.Log(p / m) * h;
            if (q > 0) js += 0.5 * q * Math.Log(q / m) * h;
        }
        return js;
    }
}
