using TheoryLab.Analysis;
using TheoryLab.Analysis.Landscape;
using TheoryLab.Models.ResNets;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Landscape;

public class FilterNormalizedDirectionsTests
{
    [Fact]
    public void EveryFilter_HasTheNormOfTheSameFilterOfTheWeights_AndOneAxisTensorsGetZero()
    {
        TorchRuntime.EnsureLoaded();
        using var initial = new Generator(0);
        using var model = ResNet.Cifar([40], depth: 8, width: 4).Build(initial);
        var weights = ParameterVector.Of(model);
        using var theta = weights.Flatten();
        using var direction = FilterNormalizedDirections.Draw(weights, seed: 3);
        using var scope = NewDisposeScope();
        var ds = weights.Split(direction);
        var ts = weights.Split(theta);
        int filters = 0;
        for (int k = 0; k < ds.Length; k++)
        {
            if (ts[k].dim() <= 1)
            {
                // Biases and batch-norm scales and shifts: the paper's "ignore biasbn".
                Assert.Equal(0.0, ds[k].abs().max().AsDouble());
                continue;
            }
            var dNorms = ds[k].reshape(ds[k].shape[0], -1).norm(1).data<float>().ToArray();
            var tNorms = ts[k].reshape(ts[k].shape[0], -1).norm(1).data<float>().ToArray();
            // float32 norms of a few dozen entries agree to about 1e-6 relative.
            for (int i = 0; i < dNorms.Length; i++, filters++) Assert.Equal(tNorms[i], dNorms[i], tNorms[i] * 1e-5);
        }
        Assert.True(filters > 50, $"only {filters} filters checked");
    }

    [Fact]
    public void SameSeed_GivesTheSameDirection_AnotherSeedAnother()
    {
        TorchRuntime.EnsureLoaded();
        using var model = nn.Sequential(("fc1", nn.Linear(5, 7)), ("relu", nn.ReLU()), ("fc2", nn.Linear(7, 3)));
        var weights = ParameterVector.Of(model);
        using var a = FilterNormalizedDirections.Draw(weights, seed: 11);
        using var b = FilterNormalizedDirections.Draw(weights, seed: 11);
        using var c = FilterNormalizedDirections.Draw(weights, seed: 12);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
        Assert.False(a.allclose(c));
    }

    [Fact]
    public void DirectionOfAZeroFilter_IsZero()
    {
        TorchRuntime.EnsureLoaded();
        using var model = nn.Linear(4, 2);
        using (no_grad()) model.weight![0].zero_();
        var weights = ParameterVector.Of(model);
        using var direction = FilterNormalizedDirections.Draw(weights, seed: 1);
        var rows = weights.Split(direction)[0];
        Assert.Equal(0.0, rows[0].abs().sum().AsDouble());
        Assert.True(rows[1].abs().sum().AsDouble() > 0);
    }
}
