using TheoryLab.Models.MeanField;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Initialisation;

/// <summary>
/// The mean-field papers' initialisation: weights from <paramref name="Weights"/> with Var W_ij = σ_w²/fan-in and
/// b_i ~ N(0, σ_b²) (zero when σ_b² = 0, drawing nothing), in float64.
/// </summary>
/// <param name="Weights">How the weight matrices are drawn (iid Gaussian, orthogonal, sparse, low-rank).</param>
/// <param name="SigmaW2">Weight variance times fan-in.</param>
/// <param name="SigmaB2">Bias variance.</param>
public sealed record MeanFieldInitialisation(WeightDistribution Weights, double SigmaW2, double SigmaB2) : LayerInitialisation
{
    protected override Tensor Weight(long fanOut, long fanIn, Generator generator, ScalarType dtype, Device? device)
    {
        if (dtype != ScalarType.Float64)
            throw new TheoryLabException($"mean-field weights are drawn in float64, not {dtype}; convert the network after building it.");
        return Weights.Draw(fanOut, fanIn, SigmaW2, device, generator);
    }

    protected override Tensor Bias(long fanOut, long fanIn, Generator generator, ScalarType dtype, Device? device)
    {
        // Held until used: a temporary Scalar could be finalised by a collection another thread triggers mid-call.
        using var scale = Math.Sqrt(SigmaB2).ToScalar();
        return SigmaB2 > 0
            ? randn([fanOut], dtype: dtype, device: device, generator: generator).mul_(scale)
            : zeros(fanOut, dtype: dtype, device: device);
    }
}
