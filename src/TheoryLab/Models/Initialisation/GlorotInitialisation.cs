using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Initialisation;

/// <summary>Glorot and Bengio's (2010) uniform weights U[−b, b] of the chosen <see cref="GlorotScheme"/>, biases 0.</summary>
public sealed record GlorotInitialisation(GlorotScheme Scheme) : LayerInitialisation
{
    /// <summary>The half-width b of a fanIn → fanOut layer's uniform weights.</summary>
    public double WeightBound(long fanIn, long fanOut) => Scheme switch
    {
        GlorotScheme.Standard => 1 / Math.Sqrt(fanIn),
        _ => Math.Sqrt(6.0 / (fanIn + fanOut)),
    };

    protected override Tensor Weight(long fanOut, long fanIn, Generator generator, ScalarType dtype, Device? device)
    {
        double bound = WeightBound(fanIn, fanOut);
        // U[0, 1) stretched to U[−b, b); the Scalars are held until used, since networks are drawn on several threads
        // and a temporary Scalar could be finalised while libtorch still reads it.
        using var width = (2 * bound).ToScalar();
        using var shift = bound.ToScalar();
        return rand([fanOut, fanIn], dtype: dtype, device: device, generator: generator).mul_(width).sub_(shift);
    }

    protected override Tensor Bias(long fanOut, long fanIn, Generator generator, ScalarType dtype, Device? device) =>
        zeros(fanOut, dtype: dtype, device: device);
}
