using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// A <see cref="ReluNetwork"/> as a ReLU <see cref="Mlp"/> with the same weights, and back:
/// the exact description and the trainable module are one network in two forms.
/// </summary>
public static class ReluNetworkModule
{
    /// <summary>A module that maps a batch of shape (n, 1) to (n, 1), with the network's weights in <paramref name="dtype"/>.</summary>
    public static Mlp Create(ReluNetwork network, ScalarType dtype, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        TorchRuntime.EnsureLoaded();
        device ??= CPU;
        return new Mlp([.. network.Hidden.Append(network.Output).Select(layer => Linear(layer, dtype, device))], Activations.Relu);
    }

    /// <summary>Reads the weights of a module made by <see cref="Create"/> (after training, say) into a float64 network.</summary>
    public static ReluNetwork Read(Mlp module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var linears = module.Layers.Select(Read).ToList();
        return new ReluNetwork(linears.Take(linears.Count - 1).ToList(), linears[^1]);
    }

    private static Linear Linear(DenseLayer layer, ScalarType dtype, Device device)
    {
        var linear = nn.Linear(layer.Inputs, layer.Outputs, hasBias: true, device: device, dtype: dtype);
        using var noGrad = no_grad();
        using var weights = tensor(layer.WeightMatrix(), dtype: dtype, device: device);
        using var biases = tensor(layer.Biases.ToArray(), dtype: dtype, device: device);
        linear.weight!.copy_(weights);
        linear.bias!.copy_(biases);
        return linear;
    }

    private static DenseLayer Read(Linear linear)
    {
        using var scope = NewDisposeScope();
        var w = linear.weight!.detach().cpu().to_type(ScalarType.Float64);
        var b = linear.bias!.detach().cpu().to_type(ScalarType.Float64);
        int outputs = (int)w.shape[0], inputs = (int)w.shape[1];
        var flat = w.data<double>().ToArray();
        var matrix = new double[outputs, inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++)
                matrix[j, i] = flat[j * inputs + i];
        return new DenseLayer(matrix, b.data<double>().ToArray());
    }
}
