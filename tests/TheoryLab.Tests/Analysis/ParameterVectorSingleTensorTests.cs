using TheoryLab.Analysis;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis;

public class ParameterVectorSingleTensorTests
{
    [Fact]
    public void Flatten_OfAModuleWithOneParameterTensor_IsACopy()
    {
        // TorchSharp's cat of a single tensor returns that tensor, which would make θ an alias of the weights.
        TorchRuntime.EnsureLoaded();
        using var model = nn.Linear(3, 1, hasBias: false);
        var theta = ParameterVector.Of(model);
        using var flat = theta.Flatten();
        double before = flat[0].AsDouble();
        using var step = ones(3);
        theta.Add(step);
        Assert.Equal(before, flat[0].AsDouble());
    }
}
