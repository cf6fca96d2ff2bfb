using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Tests.Models.PiecewiseLinear;

public class GradientFitTests
{
    [Fact]
    public void TrainShallow_OnASingleTent_LearnsItFarBetterThanTheBestConstant()
    {
        // Δ on [0, 1] needs 2 units; the best constant (½) has mean absolute error ¼.
        TorchRuntime.EnsureLoaded();
        var target = TentMap.Exact(1, 0, 1);
        var net = GradientFit.TrainShallow(target, 4, new GradientFitSettings(600, 0.01, 256), new Random(1), torch.CPU);
        Assert.Equal(4, net.MaxWidth);
        double error = LinearPieces.Function(net, 0, 1).MeanAbsoluteDistance(target);
        Assert.True(error < 0.025, $"trained error {error}");
    }
}
