using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.MeanField;

[Collection(RunAloneCollection.Name)]
public class MlpSpecBuildTests
{
    [Fact]
    public void Build_DrawsWeightsWithVarianceSigmaW2OverFanIn_AndBiasesWithVarianceSigmaB2()
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(3);
        var spec = new MlpSpec(Activations.Tanh, 2.5, 0.3, depth: 2, width: 400);
        using var network = spec.Build(inputDimension: 250, generator: generator);
        var first = network.Layers[0];
        Assert.Equal(ScalarType.Float64, first.weight!.dtype);
        Assert.Equal([400L, 250L], first.weight.shape);
        double weightVariance = first.weight.var().AsDouble();
        double biasVariance = network.Layers[1].bias!.var().AsDouble();
        // Sample variances of n Gaussians have relative standard deviation √(2/n): 0.3% for the weights, 7% for the biases.
        Assert.Equal(2.5 / 250, weightVariance, 0.0001 * 4);
        Assert.InRange(biasVariance, 0.3 * (1 - 4 * 0.071), 0.3 * (1 + 4 * 0.071));
    }

    [Fact]
    public void Forward_WithoutReadout_IsTheLastPreactivation_AndWithReadoutHasTheOutputSize()
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(4);
        var spec = new MlpSpec(Activations.Relu, 2, 0.1, depth: 3, width: 20);
        using var scope = NewDisposeScope();
        var x = randn([5, 7], dtype: ScalarType.Float64, generator: generator);
        using var plain = spec.Build(7, generator: generator);
        var preactivations = plain.Preactivations(x);
        Assert.Equal(3, preactivations.Count);
        Assert.True(plain.forward(x).allclose(preactivations[^1]));
        using var withReadout = spec.Build(7, generator, outputs: 10);
        Assert.Equal([5L, 10L], withReadout.forward(x).shape);
        Assert.Equal(4, withReadout.Preactivations(x).Count);
    }

    [Fact]
    public void CustomActivation_WithoutATensorForm_IsAppliedElementByElement()
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        var softplus = Activation.Custom("softplus", u => Math.Log(1 + Math.Exp(u)));
        using var scope = NewDisposeScope();
        var x = linspace(-3, 3, 13, dtype: ScalarType.Float64);
        Assert.True(softplus.Apply(x).allclose(nn.functional.softplus(x)));
        // The derivative is the numerical fallback, a central difference accurate to about 1e-10.
        Assert.True(softplus.ApplyDerivative(x).allclose(x.sigmoid(), rtol: 1e-8, atol: 0));
    }

    [Fact]
    public void Spec_RefusesANegativeVariance()
    {
        var error = Assert.Throws<TheoryLabException>(() => new MlpSpec(Activations.Tanh, -1, 0, 2, 10));
        Assert.Contains("σ_w²", error.Message);
    }
}
