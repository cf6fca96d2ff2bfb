using static TorchSharp.torch;

namespace TheoryLab.Models.Initialisation;

/// <summary>
/// Torch's default initialisation of affine and convolution layers: weights and biases from U(−1/√fan-in, 1/√fan-in),
/// what <c>kaiming_uniform_</c> with a = √5 gives. Drawn from the same generator state, the values are torch's own.
/// </summary>
public sealed record TorchDefaultInitialisation : LayerInitialisation
{
    /// <summary>The rule; it has no parameters.</summary>
    public static TorchDefaultInitialisation Instance { get; } = new();

    private TorchDefaultInitialisation() { }

    /// <summary>
    /// √3 · gain / √fan-in with the leaky-ReLU gain √(2/(1 + a²)) at a = √5: equal to 1/√fan-in in exact arithmetic,
    /// and computed in libtorch's order so that it rounds to torch's bound.
    /// </summary>
    public static double WeightBound(long fanIn)
    {
        double a = Math.Sqrt(5);
        double gain = Math.Sqrt(2.0 / (1 + a * a));
        return Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
    }

    /// <summary>1/√fan-in, as torch computes it for biases.</summary>
    public static double BiasBound(long fanIn) => 1 / Math.Sqrt(fanIn);

    protected override Tensor Weight(long fanOut, long fanIn, Generator generator, ScalarType dtype, Device? device) =>
        Uniform([fanOut, fanIn], WeightBound(fanIn), generator, dtype, device);

    protected override Tensor Bias(long fanOut, long fanIn, Generator generator, ScalarType dtype, Device? device) =>
        Uniform([fanOut], BiasBound(fanIn), generator, dtype, device);

    private static Tensor Uniform(long[] shape, double bound, Generator generator, ScalarType dtype, Device? device) =>
        empty(shape, dtype: dtype, device: device).uniform_(-bound, bound, generator);
}
