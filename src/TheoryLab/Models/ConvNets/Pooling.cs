using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>How a pooling layer summarises each window.</summary>
public enum PoolingKind
{
    /// <summary>The largest value in the window.</summary>
    Max,
    /// <summary>The mean of the window (LeNet-5's subsampling layers, less their trainable scale and bias).</summary>
    Average,
}

/// <summary>Non-overlapping pooling over windows of <paramref name="Size"/> along every spatial axis.</summary>
public sealed record Pooling(PoolingKind Kind, int Size) : LayerSpec
{
    public override int[] OutputShape(int[] input)
    {
        if (input.Length is not (2 or 3))
            throw new TheoryLabException($"pooling takes examples of shape [channels, length] or [channels, height, width], not {Shape(input)}.");
        return [input[0], .. input.Skip(1).Select(n => n / Size)];
    }

    public override string Describe(int[] input) =>
        $"{(Kind == PoolingKind.Max ? "max" : "average")} pool {(input.Length == 2 ? $"{Size}" : $"{Size}×{Size}")}";

    public override nn.Module<Tensor, Tensor> Build(int[] input) => (Kind, input.Length) switch
    {
        (PoolingKind.Max, 2) => nn.MaxPool1d(Size),
        (PoolingKind.Max, _) => nn.MaxPool2d(Size),
        (PoolingKind.Average, 2) => nn.AvgPool1d(Size),
        _ => nn.AvgPool2d(Size),
    };
}
