using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Tests.Models.PiecewiseLinear;

public class ReluNetworkModuleTests
{
    [Fact]
    public void Create_ComputesTheNetworksFunction_InFloat64()
    {
        TorchRuntime.EnsureLoaded();
        var random = new Random(6);
        for (int trial = 0; trial < 10; trial++)
        {
            var net = ReluNetwork.Random([5, 7, 3], random, biasVariance: 2);
            using var scope = torch.NewDisposeScope();
            using var module = ReluNetworkModule.Create(net, torch.ScalarType.Float64);
            var xs = Enumerable.Range(0, 101).Select(i => -3 + 0.06 * i).ToArray();
            using var noGrad = torch.no_grad();
            var ys = module.forward(torch.tensor(xs, dtype: torch.ScalarType.Float64).reshape(-1, 1)).data<double>().ToArray();
            for (int i = 0; i < xs.Length; i++) Assert.Equal(net.Evaluate(xs[i]), ys[i], 1e-12);
        }
    }

    [Fact]
    public void Read_OfACreatedModule_GivesBackTheWeights()
    {
        var net = ReluNetwork.Random([4, 3], new Random(7));
        using var module = ReluNetworkModule.Create(net, torch.ScalarType.Float64);
        var back = ReluNetworkModule.Read(module);
        Assert.Equal(net.Widths, back.Widths);
        for (int l = 0; l < net.Depth; l++)
        {
            Assert.Equal(net.Hidden[l].WeightMatrix(), back.Hidden[l].WeightMatrix());
            Assert.Equal(net.Hidden[l].Biases, back.Hidden[l].Biases);
        }
        Assert.Equal(net.Output.WeightMatrix(), back.Output.WeightMatrix());
    }

    [Fact]
    public void Create_OfTheTentNetwork_ComputesTheSawtooth()
    {
        using var module = ReluNetworkModule.Create(TentMap.Network(6), torch.ScalarType.Float64);
        var xs = Enumerable.Range(0, 1025).Select(i => i / 1024.0).ToArray();
        using var noGrad = torch.no_grad();
        using var output = module.forward(torch.tensor(xs, dtype: torch.ScalarType.Float64).reshape(-1, 1));
        var ys = output.data<double>().ToArray();
        for (int i = 0; i < xs.Length; i++) Assert.Equal(TentMap.Iterate(xs[i], 6), ys[i], 1e-12);
    }
}
