using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// A convolution with square (or, in 1-D, interval) kernels. Its dimension follows the input: an example of
/// shape [C, L] gets a 1-D convolution, one of shape [C, H, W] a 2-D convolution.
/// </summary>
/// <param name="Channels">Output channels (feature maps).</param>
/// <param name="Kernel">Kernel side length.</param>
/// <param name="Stride">Step between kernel positions.</param>
/// <param name="Padding">Zeros added on each side of every spatial axis.</param>
public sealed record Convolution(int Channels, int Kernel, int Stride = 1, int Padding = 0) : LayerSpec
{
    public override int[] OutputShape(int[] input)
    {
        int spatialAxes = SpatialAxes(input);
        var output = new int[input.Length];
        output[0] = Channels;
        for (int axis = 1; axis <= spatialAxes; axis++)
        {
            if (input[axis] + 2 * Padding < Kernel)
                throw new TheoryLabException($"a {Kernel}-wide kernel does not fit an input of shape {Shape(input)} padded by {Padding}; use a smaller kernel or more padding.");
            output[axis] = (input[axis] + 2 * Padding - Kernel) / Stride + 1;
        }
        return output;
    }

    public override long Parameters(int[] input) => Channels * (WeightsPerOutput(input) + 1);

    /// <summary>Each output value is a dot product over in-channels × kernel positions.</summary>
    public override long MultiplyAdds(int[] input) => Product(OutputShape(input)) * WeightsPerOutput(input);

    public override string Describe(int[] input)
    {
        string kernel = SpatialAxes(input) == 1 ? $"{Kernel}" : $"{Kernel}×{Kernel}";
        string extras = (Stride == 1 ? "" : $", stride {Stride}") + (Padding == 0 ? "" : $", pad {Padding}");
        return $"conv {Channels}@{kernel}{extras}";
    }

    public override nn.Module<Tensor, Tensor> Build(int[] input) => SpatialAxes(input) == 1
        ? nn.Conv1d(input[0], Channels, Kernel, stride: Stride, padding: Padding)
        : nn.Conv2d(input[0], Channels, Kernel, stride: Stride, padding: Padding);

    private long WeightsPerOutput(int[] input) => input[0] * (long)Math.Pow(Kernel, SpatialAxes(input));

    private static int SpatialAxes(int[] input) => input.Length switch
    {
        2 => 1,
        3 => 2,
        _ => throw new TheoryLabException($"a convolution takes examples of shape [channels, length] or [channels, height, width], not {Shape(input)}; put a channel axis first (SingleChannel)."),
    };
}
