using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TorchSharp;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// A deep fully connected random network, specified once and seen several ways, in the spirit of
/// neural-tangents' stax: <see cref="Build"/> draws a finite TorchSharp network with weights of variance σ_w²/N_in
/// from <see cref="Weights"/> (iid Gaussian unless chosen otherwise) and b_i ~ N(0, σ_b²); <see cref="MeanField"/>
/// gives its infinite-width length and correlation maps, <see cref="JacobianSpectrum"/> the free-probability
/// spectrum of its input–output Jacobian. The finite network is an <see cref="Mlp"/> drawn by <see cref="Initialisation"/>.
/// </summary>
public sealed record MlpSpec
{
    public MlpSpec(Activation activation, double sigmaW2, double sigmaB2, int depth, int width, WeightDistribution? weights = null)
    {
        if (!(sigmaW2 >= 0)) throw new TheoryLabException($"σ_w² = {sigmaW2} is not a variance; use a value ≥ 0.");
        if (!(sigmaB2 >= 0)) throw new TheoryLabException($"σ_b² = {sigmaB2} is not a variance; use a value ≥ 0.");
        if (depth < 1) throw new TheoryLabException($"depth = {depth}: a network needs at least one layer.");
        if (width < 1) throw new TheoryLabException($"width = {width}: a layer needs at least one neuron.");
        Activation = activation;
        SigmaW2 = sigmaW2;
        SigmaB2 = sigmaB2;
        Depth = depth;
        Width = width;
        Weights = weights ?? WeightDistribution.Gaussian;
    }

    public Activation Activation { get; }

    /// <summary>Weight variance times fan-in: Var W_ij = σ_w²/N_in.</summary>
    public double SigmaW2 { get; }

    /// <summary>Bias variance: b_i ~ N(0, σ_b²).</summary>
    public double SigmaB2 { get; }

    /// <summary>Number of random affine layers, each followed by φ except the last.</summary>
    public int Depth { get; }

    /// <summary>Neurons per layer.</summary>
    public int Width { get; }

    /// <summary>How the weight matrices are drawn (iid Gaussian by default).</summary>
    public WeightDistribution Weights { get; }

    /// <summary>The infinite-width maps of this network (they depend on neither depth, width nor the weights' distribution beyond its variance).</summary>
    public MeanFieldMaps MeanField() => new(Activation, SigmaW2, SigmaB2);

    /// <summary>
    /// The free-probability spectrum of JJᵀ for the input–output Jacobian J of this network at its fixed point q*,
    /// in the limit of infinite width at this depth (Pennington, Schoenholz and Ganguli 2017, 2018).
    /// </summary>
    public JacobianSpectrum JacobianSpectrum() => new(this);

    /// <summary>How every layer of the finite network is drawn: W from <see cref="Weights"/> with variance σ_w²/fan-in, b ~ N(0, σ_b²).</summary>
    public MeanFieldInitialisation Initialisation => new(Weights, SigmaW2, SigmaB2);

    /// <summary>
    /// Draws the network in float64 from <paramref name="generator"/>: h¹ … h^L, then, with <paramref name="outputs"/>,
    /// a readout layer of that size, initialised the same way, on φ(h^L).
    /// </summary>
    public Mlp Build(int inputDimension, torch.Generator generator, int? outputs = null, torch.Device? device = null)
    {
        if (inputDimension < 1) throw new TheoryLabException($"input dimension = {inputDimension}: inputs need at least one coordinate.");
        if (outputs is < 1) throw new TheoryLabException($"outputs = {outputs}: a readout needs at least one output.");
        int[] widths = [inputDimension, .. Enumerable.Repeat(Width, Depth), .. outputs is { } n ? [n] : Array.Empty<int>()];
        return new Mlp(widths, Activation, Initialisation, generator, torch.ScalarType.Float64, device);
    }
}
