using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.ConvNets;

public class ActivationLayerTests
{
    public static TheoryData<string> BuiltIns => [.. Activations.Names];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void EveryBuiltInActivation_BuildsALayerWhoseValuesAndGradientsAreItsScalarFormulas(string name)
    {
        // The scalar φ and φ′ of the mean-field integrals are the independent reference for the module's forward and backward.
        TorchRuntime.EnsureLoaded();
        var activation = Activations.ByName(name);
        double[] points = [-2.5, -1.2, -0.3, 0.2, 0.7, 1.6, 3.0]; // off every kink (0, ±1), where the one-sided slopes differ
        using var scope = NewDisposeScope();
        var x = tensor(points, dtype: float64).requires_grad_();
        using var layer = new ActivationLayer(activation).Build([points.Length]);
        var y = layer.call(x);
        y.sum().backward();
        var values = y.detach().data<double>().ToArray();
        var slopes = x.grad!.data<double>().ToArray();
        for (int i = 0; i < points.Length; i++)
        {
            Assert.Equal(activation.Value(points[i]), values[i], 12);
            Assert.Equal(activation.Derivative(points[i]), slopes[i], 12);
        }
    }

    [Fact]
    public void AnActivationWithoutATensorForm_IsRefusedWithWhatToDo()
    {
        var custom = Activation.Custom("cube", u => u * u * u);
        var error = Assert.Throws<TheoryLabException>(() => new ActivationLayer(custom));
        Assert.Contains("'cube' has no tensor form", error.Message);
        Assert.Contains("Tensor = x =>", error.Message);
    }
}
