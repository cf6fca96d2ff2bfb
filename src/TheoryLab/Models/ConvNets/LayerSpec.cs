using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// One layer of a feed-forward network described as data: how it changes the shape of one example, how
/// many parameters and multiply–adds it costs at that shape, and the TorchSharp module it becomes. Costs
/// are derived from shapes alone, so they can be checked by hand and against the built module.
/// </summary>
public abstract record LayerSpec
{
    /// <summary>The shape of one output example (no batch axis) for an input example of shape <paramref name="input"/>.</summary>
    public abstract int[] OutputShape(int[] input);

    /// <summary>Trainable parameters (weights and biases) at this input shape.</summary>
    public virtual long Parameters(int[] input) => 0;

    /// <summary>
    /// Multiply–adds of one forward pass of one example. Only products are counted: bias additions,
    /// pooling comparisons and activations are not, as is usual for convolutional networks.
    /// </summary>
    public virtual long MultiplyAdds(int[] input) => 0;

    /// <summary>What the layer is, in the notation of papers ("conv 6@5×5, pad 2").</summary>
    public abstract string Describe(int[] input);

    /// <summary>The TorchSharp module for inputs of shape <paramref name="input"/>, with torch's default initialisation.</summary>
    public abstract nn.Module<Tensor, Tensor> Build(int[] input);

    internal static long Product(IEnumerable<int> dims) => dims.Aggregate(1L, (a, b) => a * b);

    internal static string Shape(int[] shape) => string.Join("×", shape);
}
