using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.MeanField;
using TorchSharp;

namespace TheoryLab.Models.Initialisation;

/// <summary>
/// Glorot and Bengio's (2010) deep fully connected classifier, specified once and seen two ways: <see cref="Build"/>
/// draws the finite <see cref="Mlp"/> with uniform weights of the chosen <see cref="GlorotScheme"/> and zero biases, and the
/// linear-regime theory of their Section 4.2.1 gives the variance of activations and of back-propagated gradients
/// layer by layer. Layer k = 1 … L + 1 maps <see cref="LayerSizes"/>[k − 1] units to <see cref="LayerSizes"/>[k];
/// the first L are followed by the activation, the last gives the logits.
/// </summary>
public sealed record GlorotSpec
{
    public GlorotSpec(Activation activation, GlorotScheme scheme, int inputs, int width, int hiddenLayers, int outputs)
    {
        if (inputs < 1) throw new TheoryLabException($"inputs = {inputs}: examples need at least one coordinate.");
        if (width < 1) throw new TheoryLabException($"width = {width}: a layer needs at least one unit.");
        if (hiddenLayers < 1) throw new TheoryLabException($"hidden layers = {hiddenLayers}: the network needs at least one.");
        if (outputs < 2) throw new TheoryLabException($"outputs = {outputs}: a classifier needs at least two classes.");
        Activation = activation;
        Scheme = scheme;
        LayerSizes = [inputs, .. Enumerable.Repeat(width, hiddenLayers), outputs];
    }

    /// <summary>The nonlinearity after every hidden layer; the theory assumes φ(0) = 0 and φ′(0) = 1 (tanh, softsign).</summary>
    public Activation Activation { get; }

    public GlorotScheme Scheme { get; }

    /// <summary>How every layer of the finite network is drawn.</summary>
    public GlorotInitialisation Initialisation => new(Scheme);

    /// <summary>Units per layer, input first and logits last: n₀, n₁, …, n_{L+1}.</summary>
    public int[] LayerSizes { get; }

    /// <summary>L, the number of hidden layers.</summary>
    public int HiddenLayers => LayerSizes.Length - 2;

    /// <summary>n_in of layer k (1-based).</summary>
    public int FanIn(int k) => LayerSizes[k - 1];

    /// <summary>n_out of layer k (1-based).</summary>
    public int FanOut(int k) => LayerSizes[k];

    /// <summary>The half-width b of layer k's uniform weights U[−b, b].</summary>
    public double WeightBound(int k) => Initialisation.WeightBound(FanIn(k), FanOut(k));

    /// <summary>Var[W] of layer k: b²/3.</summary>
    public double WeightVariance(int k) => WeightBound(k) * WeightBound(k) / 3;

    /// <summary>n_in Var[W] of layer k: the factor by which the layer multiplies the variance of what passes forward (linear regime).</summary>
    public double ForwardFactor(int k) => FanIn(k) * WeightVariance(k);

    /// <summary>n_out Var[W] of layer k: the factor by which it multiplies the variance of gradients passing back.</summary>
    public double BackwardFactor(int k) => FanOut(k) * WeightVariance(k);

    /// <summary>
    /// Var[z^k] of the activations of hidden layers k = 1 … L in the linear regime (φ(u) ≈ u), Glorot and Bengio's
    /// eq. 5: Var[x] Π_{k′ ≤ k} n_in Var[W^{k′}]; index k − 1 holds layer k.
    /// </summary>
    public double[] LinearActivationVariances(double inputVariance)
    {
        var variances = new double[HiddenLayers];
        double v = inputVariance;
        for (int k = 1; k <= HiddenLayers; k++) variances[k - 1] = v *= ForwardFactor(k);
        return variances;
    }

    /// <summary>
    /// Var[∂C/∂s^k] of the back-propagated gradients at the pre-activations of layers k = 1 … L + 1 in the linear regime
    /// (φ′ ≈ 1), their eq. 6, from the variance at the logits: Var[∂C/∂s^{L+1}] Π_{k′ &gt; k} n_out Var[W^{k′}];
    /// index k − 1 holds layer k, the last is <paramref name="logitGradientVariance"/> itself.
    /// </summary>
    public double[] LinearGradientVariances(double logitGradientVariance)
    {
        var variances = new double[HiddenLayers + 1];
        double v = logitGradientVariance;
        variances[HiddenLayers] = v;
        for (int k = HiddenLayers; k >= 1; k--) variances[k - 1] = v *= BackwardFactor(k + 1);
        return variances;
    }

    /// <summary>
    /// Draws the network from <paramref name="generator"/>: every weight uniform with <see cref="WeightBound"/>, every bias 0.
    /// </summary>
    public Mlp Build(torch.Generator generator, torch.ScalarType dtype = torch.ScalarType.Float64) =>
        new(LayerSizes, Activation, Initialisation, generator, dtype);
}
