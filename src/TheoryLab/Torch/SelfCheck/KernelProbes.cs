using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// The kernels every experiment leans on, at shapes of TheoryLab's own networks. The convolutions include
/// input channel counts that are not multiples of 16 (25 and 6): oneDNN stores such tensors in 16-channel
/// blocks padded with channels that must read as zero, and on the machine that motivated this check those
/// padded channels held stale memory, so exactly these shapes came out wrong (forward and input gradient),
/// differently from run to run, sometimes NaN.
/// </summary>
public static class KernelProbes
{
    /// <summary>Changes whenever the probes change, so that cached verdicts from older probes are not trusted.</summary>
    public const int Version = 1;

    public static IReadOnlyList<KernelProbe> Standard { get; } =
    [
        Conv1d("conv1d 1→25 k5 s2 p1", [8, 1, 40], [25, 1, 5], stride: 2, padding: 1),
        Conv1d("conv1d 25→25 k3 s2 p1", [8, 25, 19], [25, 25, 3], stride: 2, padding: 1),
        Conv1d("conv1d 32→32 k3 p1", [4, 32, 12], [32, 32, 3], stride: 1, padding: 1),
        Conv2d("conv2d 1→6 k5 p2", [4, 1, 16, 16], [6, 1, 5, 5], padding: 2),
        Conv2d("conv2d 6→16 k5", [4, 6, 10, 10], [16, 6, 5, 5], padding: 0),
        Conv2d("conv2d 16→32 k3 p1", [2, 16, 8, 8], [32, 16, 3, 3], padding: 1),
        KernelProbe.Differentiable("max-pool 2d 2×2", g => [randn([4, 6, 12, 12], generator: g)], x => F.max_pool2d(x[0], [2, 2])),
        KernelProbe.Differentiable("max-pool 1d 2", g => [randn([4, 25, 20], generator: g)], x => F.max_pool1d(x[0], 2)),
        KernelProbe.Differentiable("average-pool 2d 2×2", g => [randn([4, 6, 12, 12], generator: g)], x => F.avg_pool2d(x[0], [2, 2])),
        KernelProbe.Differentiable("batch norm 2d (batch statistics)", g =>
            {
                using var half = 0.5.ToScalar();
                return [randn([8, 6, 6, 6], generator: g), rand([6], generator: g).Plus(half), randn([6], generator: g)];
            },
            x => F.batch_norm(x[0], null, null, x[1], x[2], training: true)),
        KernelProbe.Differentiable("batch norm 1d (batch statistics)", g =>
            {
                using var half = 0.5.ToScalar();
                return [randn([64, 100], generator: g), rand([100], generator: g).Plus(half), randn([100], generator: g)];
            },
            x => F.batch_norm(x[0], null, null, x[1], x[2], training: true)),
        KernelProbe.Differentiable("linear 100→50", g =>
            {
                using var scale = 0.1.ToScalar();
                return [randn([64, 100], generator: g), randn([50, 100], generator: g) * scale, randn([50], generator: g)];
            },
            x => F.linear(x[0], x[1], x[2])),
        KernelProbe.Differentiable("batched matrix product", g => [randn([8, 64, 40], generator: g), randn([8, 40, 30], generator: g)], x => x[0].bmm(x[1])),
        KernelProbe.Differentiable("relu, tanh, erf", g => [randn([64, 100], generator: g)], x => F.relu(x[0]).Plus(x[0].tanh()).Plus(x[0].erf())),
        KernelProbe.Differentiable("cross-entropy of log-softmax", g =>
            {
                using var three = 3.ToScalar();
                return [randn([64, 10], generator: g) * three];
            },
            x =>
            {
                using Scalar examples = 64.ToScalar(), classes = 10.ToScalar();
                return F.nll_loss(F.log_softmax(x[0], 1), HeldScalars.Range(examples, ScalarType.Int64) % classes);
            }),
        KernelProbe.Differentiable("mean squared error", g => [randn([64, 10], generator: g), randn([64, 10], generator: g)], x => F.mse_loss(x[0], x[1])),
        OptimiserProbes.Sgd,
        OptimiserProbes.Adam,
        PlainReferenceProbes.Conv1d,
        PlainReferenceProbes.MatrixProduct,
    ];

    private static KernelProbe Conv1d(string kernel, long[] input, long[] weight, long stride, long padding) =>
        KernelProbe.Differentiable(kernel, g => ConvolutionInputs(input, weight, g), x => F.conv1d(x[0], x[1], x[2], stride: stride, padding: padding));

    private static KernelProbe Conv2d(string kernel, long[] input, long[] weight, long padding) =>
        KernelProbe.Differentiable(kernel, g => ConvolutionInputs(input, weight, g), x => F.conv2d(x[0], x[1], x[2], padding: [padding, padding]));

    /// <summary>An input, a weight at a fifth of unit scale and a bias, drawn in that order.</summary>
    private static Tensor[] ConvolutionInputs(long[] input, long[] weight, Generator g)
    {
        using var scale = 0.2.ToScalar();
        return [randn(input, generator: g), randn(weight, generator: g) * scale, randn([weight[0]], generator: g)];
    }
}
