using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>
/// ε_θ(x_t, t): a ReLU <see cref="Mlp"/> of the point and a sinusoidal embedding of the step, the Transformer's
/// position code that Ho et al. (2020) feed their U-Net with: [sin(t ω_j), cos(t ω_j)] with ω_j = 10000^{−j/(E/2)},
/// j = 0..E/2 − 1. So that it is a plain module of one tensor (and trains through <c>Trainer</c>), its input is a batch
/// of rows [x_1 … x_d, t]: the point, then the step as a number.
/// </summary>
public sealed class NoisePredictionNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Mlp network;
    private readonly Tensor frequencies;

    /// <param name="dimension">d, the size of a point.</param>
    /// <param name="embedding">E, the size of the step's embedding (even).</param>
    /// <param name="hidden">Widths of the hidden layers.</param>
    public NoisePredictionNetwork(int dimension, int embedding, IReadOnlyList<int> hidden, Generator generator) : base(nameof(NoisePredictionNetwork))
    {
        if (embedding < 2 || embedding % 2 != 0) throw new TheoryLabException($"step embedding of size {embedding}; give an even size of at least 2.");
        Dimension = dimension;
        network = new Mlp([dimension + embedding, .. hidden, dimension], Activations.Relu, TorchDefaultInitialisation.Instance, generator, float32);
        int half = embedding / 2;
        frequencies = tensor(Enumerable.Range(0, half).Select(j => (float)Math.Pow(10_000, -(double)j / half)).ToArray());
        RegisterComponents();
    }

    public int Dimension { get; }

    /// <summary>ε̂ for rows [x, t] of shape [batch, d + 1].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input[.., ..Dimension];
        var phases = input[.., Dimension..].mul(frequencies);
        return network.forward(cat([x, phases.sin(), phases.cos()], 1)).MoveToOuterDisposeScope();
    }

    /// <summary>The rows [x, t] for points x (shape [batch, d]) at the steps <paramref name="t"/> (shape [batch]).</summary>
    public static Tensor Inputs(Tensor x, Tensor t) => cat([x, t.to(x.dtype).unsqueeze(1)], 1);
}
