using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Optimizers;

/// <summary>AdamW takes the same float64 iterates as torch.optim.AdamW, and its decay is what moves them off Adam's.</summary>
[Collection(RunAloneCollection.Name)]
public class AdamWTests
{
    public AdamWTests() => TorchRuntime.EnsureLoaded();

    private static Tensor Loss(IReadOnlyList<Parameter> p)
    {
        var target = tensor(new double[] { 1.0, -2.0 }, dtype: float64);
        using Scalar quarticWeight = 0.1.ToScalar(), four = 4.ToScalar();
        return (p[0].matmul(p[1]) - target).Squared().sum() + quarticWeight * p[1].pow(four).sum();
    }

    private static List<Parameter> Start() =>
    [
        new Parameter(tensor(new double[] { 0.5, -1.0, 2.0, 0.3, 0.7, -0.4 }, dtype: float64).reshape(2, 3)),
        new Parameter(tensor(new double[] { 1.0, 0.2, -0.6 }, dtype: float64)),
    ];

    /// <summary>The largest difference between the iterates of torch's optimiser and ours over 60 steps.</summary>
    private static double Deviation(Func<IEnumerable<Parameter>, optim.Optimizer> torchs, TheoryLab.Training.Optimizers.IOptimizer ours)
    {
        var a = Start();
        var b = Start();
        var reference = torchs(a);
        double worst = 0;
        for (int step = 0; step < 60; step++)
        {
            reference.zero_grad();
            Loss(a).backward();
            reference.step();
            foreach (var p in b) p.grad?.zero_();
            Loss(b).backward();
            ours.Step(b, [.. b.Select(p => p.grad!)]);
            worst = Math.Max(worst, a.Zip(b).Max(pair => (pair.First - pair.Second).abs().max().AsDouble()));
        }
        return worst;
    }

    [Fact]
    public void AdamW_MatchesTorchAdamW_To1e12()
    {
        using var ours = new TheoryLab.Training.Optimizers.AdamW(0.02, 0.3, 0.8, 0.99, 1e-8);
        double deviation = Deviation(p => optim.AdamW(p, 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-8, weight_decay: 0.3), ours);
        Assert.True(deviation < 1e-12, $"AdamW left torch's iterates by {deviation:E2}");
    }

    [Fact]
    public void WithoutItsDecay_TorchsAdamWIsLeft()
    {
        using var ours = new TheoryLab.Training.Optimizers.AdamW(0.02, 0, 0.8, 0.99, 1e-8);
        double deviation = Deviation(p => optim.AdamW(p, 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-8, weight_decay: 0.3), ours);
        Assert.True(deviation > 1e-3, $"AdamW without decay stayed within {deviation:E2} of AdamW with it");
    }
}
