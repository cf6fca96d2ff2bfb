using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>libtorch's optimiser updates, three steps on a quadratic, in float32 against float64.</summary>
internal static class OptimiserProbes
{
    private const int Steps = 3;

    public static KernelProbe Sgd { get; } = Probe("SGD step (momentum 0.9, weight decay 5e-4)",
        p => optim.SGD([p], 0.05, momentum: 0.9, weight_decay: 5e-4));

    public static KernelProbe Adam { get; } = Probe("Adam step", p => optim.Adam([p], 0.01));

    private static KernelProbe Probe(string kernel, Func<Parameter, optim.Optimizer> optimiser) =>
        new(kernel, generator =>
        {
            var start = randn([256], generator: generator);
            using var floor = 0.1.ToScalar();
            var curvature = rand([256], generator: generator).Plus(floor);
            return [new KernelComparison("parameters after 3 steps", Descend(start, curvature, ScalarType.Float32, optimiser), Descend(start, curvature, ScalarType.Float64, optimiser))];
        });

    private static Tensor Descend(Tensor start, Tensor curvature, ScalarType type, Func<Parameter, optim.Optimizer> optimiser)
    {
        var p = new Parameter(start.to(type).clone());
        var c = curvature.to(type);
        var step = optimiser(p);
        for (int k = 0; k < Steps; k++)
        {
            step.zero_grad();
            (c * p * p).sum().backward();
            step.step();
        }
        return p.detach().clone();
    }
}
