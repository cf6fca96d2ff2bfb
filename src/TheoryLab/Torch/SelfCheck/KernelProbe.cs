using static TorchSharp.torch;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// One kernel TheoryLab relies on, computed the way runs compute it (float32) and by an independent reference
/// (float64, which libtorch serves from its own ATen code and never from oneDNN, or plain C#). Each
/// comparison is one output of the kernel: its forward value or the gradient with respect to one input.
/// </summary>
/// <param name="Kernel">What is computed, as <c>theorylab doctor</c> lists it ("conv1d 25→25 k3 s2").</param>
/// <param name="Compare">Draws inputs from the generator and returns each output's candidate and reference.</param>
/// <param name="Tolerance">The largest relative error that passes.</param>
public sealed record KernelProbe(string Kernel, Func<Generator, IReadOnlyList<KernelComparison>> Compare, double Tolerance = KernelProbe.SinglePrecision)
{
    /// <summary>What a float32 kernel may differ from its float64 reference: float32 sums of a few hundred terms stay near 1e-6.</summary>
    public const double SinglePrecision = 1e-4;

    /// <summary>What float64 libtorch may differ from plain C# loops: both are double, only the order of sums differs.</summary>
    public const double DoublePrecision = 1e-11;

    /// <summary>
    /// A differentiable kernel: <paramref name="function"/> is applied to the drawn inputs in float32 and in
    /// float64, and the forward value and every input's gradient of a fixed random projection are compared.
    /// </summary>
    public static KernelProbe Differentiable(string kernel, Func<Generator, Tensor[]> inputs, Func<Tensor[], Tensor> function) =>
        new(kernel, generator =>
        {
            var drawn = inputs(generator);
            var single = Evaluate(function, drawn, ScalarType.Float32, generator, out var projection);
            var reference = Evaluate(function, drawn, ScalarType.Float64, projection);
            var comparisons = new List<KernelComparison> { new("forward", single.Output, reference.Output) };
            for (int k = 0; k < drawn.Length; k++)
                comparisons.Add(new KernelComparison(drawn.Length == 1 ? "gradient" : $"gradient of input {k + 1}", single.Gradients[k], reference.Gradients[k]));
            return comparisons;
        });

    private static (Tensor Output, Tensor[] Gradients) Evaluate(Func<Tensor[], Tensor> function, Tensor[] inputs, ScalarType type, Generator generator, out Tensor projection)
    {
        var leaves = inputs.Select(x => x.to(type).detach().requires_grad_()).ToArray();
        var output = function(leaves);
        // A random projection rather than a plain sum, so that every output element weighs differently in the gradients.
        projection = randn(output.shape, dtype: ScalarType.Float64, generator: generator);
        return Backward(output, leaves, projection);
    }

    private static (Tensor Output, Tensor[] Gradients) Evaluate(Func<Tensor[], Tensor> function, Tensor[] inputs, ScalarType type, Tensor projection)
    {
        var leaves = inputs.Select(x => x.to(type).detach().requires_grad_()).ToArray();
        return Backward(function(leaves), leaves, projection);
    }

    private static (Tensor Output, Tensor[] Gradients) Backward(Tensor output, Tensor[] leaves, Tensor projection)
    {
        (output * projection.to(output.dtype)).sum().backward();
        return (output.detach(), leaves.Select(l => l.grad ?? zeros_like(l)).ToArray());
    }
}

/// <summary>One output of a probed kernel: what was computed and what it should equal.</summary>
public sealed record KernelComparison(string Output, Tensor Candidate, Tensor Reference)
{
    /// <summary>
    /// The largest absolute difference over the largest reference magnitude: scale-free, and not fooled by
    /// elements near zero. NaN anywhere in the candidate gives NaN, which no tolerance accepts.
    /// </summary>
    public double RelativeError()
    {
        var candidate = Candidate.to(ScalarType.Float64);
        var reference = Reference.to(ScalarType.Float64);
        if (!candidate.isfinite().all().item<bool>()) return double.NaN;
        double scale = Math.Max(reference.abs().max().item<double>(), double.Epsilon);
        return (candidate - reference).abs().max().item<double>() / scale;
    }
}
