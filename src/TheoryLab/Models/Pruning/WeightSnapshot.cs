using static TorchSharp.torch;

namespace TheoryLab.Models.Pruning;

/// <summary>
/// A copy of every parameter of a model at one moment (at initialisation, or after k steps), for rewinding: Frankle
/// &amp; Carbin reset the surviving weights to their initial values, Frankle et al. (2020) to their values at
/// iteration k. Biases are rewound with the weights.
/// </summary>
public sealed class WeightSnapshot : IDisposable
{
    private readonly Tensor[] _values;

    private WeightSnapshot(Tensor[] values) => _values = values;

    /// <summary>The model's parameters now, copied.</summary>
    public static WeightSnapshot Take(nn.Module model)
    {
        using var noGrad = no_grad();
        return new([.. model.parameters().Select(p => p.detach().clone())]);
    }

    /// <summary>Writes the copied values back into <paramref name="model"/>'s parameters, in place.</summary>
    public void Restore(nn.Module model)
    {
        var parameters = model.parameters().ToArray();
        if (parameters.Length != _values.Length)
            throw new TheoryLabException($"the snapshot holds {_values.Length} parameters but the model has {parameters.Length}; restore it into the architecture it was taken from.");
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Length; i++) parameters[i].copy_(_values[i]);
    }

    public void Dispose()
    {
        foreach (var v in _values) v.Dispose();
    }
}
