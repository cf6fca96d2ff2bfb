using static TorchSharp.torch;

namespace TheoryLab.Models.Transformers;

/// <summary>GPT-2's initial weights (Radford et al. 2019): every matrix and embedding drawn from N(0, 0.02²).</summary>
internal static class Weights
{
    public const double Scale = 0.02;

    public static Tensor Normal(long[] shape, Generator generator, ScalarType dtype) =>
        empty(shape, dtype: dtype).normal_(0, Scale, generator);
}
