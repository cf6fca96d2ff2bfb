using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.FullyConnected;

/// <summary>Derivatives carried forward through a tanh network against the same derivatives by nested autograd.</summary>
public class TanhDerivativePropagationTests
{
    public TanhDerivativePropagationTests() => TorchRuntime.EnsureLoaded();

    /// <summary>A float64 tanh network with biases drawn too, so that no layer's term vanishes by symmetry.</summary>
    private static Mlp Network(Activation activation)
    {
        using var generator = new Generator(11);
        var model = new Mlp([3, 16, 16, 16, 2], activation, new GlorotInitialisation(GlorotScheme.Normalised), generator, ScalarType.Float64);
        using var noGrad = no_grad();
        using var biasScale = 0.5.ToScalar();
        foreach (var layer in model.Layers) layer.bias!.copy_(randn(layer.bias!.shape, ScalarType.Float64, generator: generator).mul_(biasScale));
        return model;
    }

    [Fact]
    public void ValueAndDerivatives_EqualNestedAutogradsAlongOblique_Directions()
    {
        using var model = Network(Activations.Tanh);
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var x = randn([40, 3], ScalarType.Float64, generator: generator).requires_grad_(true);
        double[][] directions = [[2, 0, 0], [0.3, -1.2, 0.7]];
        var propagated = TanhDerivativePropagation.Propagate(model, x, directions, [1, 0]);

        var u = model.forward(x);
        Assert.Equal(0, (propagated.Value - u).abs().max().AsDouble(), 1e-12);
        for (int output = 0; output < 2; output++)
        {
            var gradient = autograd.grad([u[.., output]], [x], [ones_like(u[.., output])], retain_graph: true, create_graph: true)[0];
            var along = directions.Select(v => gradient.matmul(tensor(v, dtype: ScalarType.Float64))).ToArray();
            for (int k = 0; k < directions.Length; k++)
                Assert.Equal(0, (propagated.First[k][.., output] - along[k]).abs().max().AsDouble(), 1e-12);
            int[] secondAlong = [1, 0];
            for (int k = 0; k < secondAlong.Length; k++)
            {
                var v = tensor(directions[secondAlong[k]], dtype: ScalarType.Float64);
                var second = autograd.grad([along[secondAlong[k]]], [x], [ones_like(along[secondAlong[k]])], retain_graph: true, create_graph: true)[0].matmul(v);
                Assert.True(second.abs().max().AsDouble() > 1e-2, "the check needs second derivatives that are not negligible");
                Assert.Equal(0, (propagated.Second[k][.., output] - second).abs().max().AsDouble(), 1e-12);
            }
        }
    }

    [Fact]
    public void FirstDerivativesAlone_NeedNoSecondOrderDirections()
    {
        using var model = Network(Activations.Tanh);
        using var scope = NewDisposeScope();
        var x = tensor(new double[,] { { 0.1, -0.4, 0.9 }, { -0.7, 0.2, 0.05 } }, dtype: ScalarType.Float64).requires_grad_(true);
        var propagated = TanhDerivativePropagation.Propagate(model, x, [[0, 1, 0]], []);
        var u = model.forward(x);
        var ux = autograd.grad([u[.., 0]], [x], [ones_like(u[.., 0])])[0][.., 1];
        Assert.Empty(propagated.Second);
        Assert.Equal(0, (propagated.First[0][.., 0] - ux).abs().max().AsDouble(), 1e-12);
    }

    [Fact]
    public void OtherActivations_AreRefusedInOneLine()
    {
        using var model = Network(Activations.Relu);
        var error = Assert.Throws<TheoryLabException>(() => TanhDerivativePropagation.Propagate(model, zeros(1, 3, ScalarType.Float64), [[1, 0, 0]], [0]));
        Assert.Contains("tanh", error.Message);
    }
}
