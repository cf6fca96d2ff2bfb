using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>Per-parameter state tensors (momentum, second moments) that outlive every dispose scope of a step.</summary>
internal sealed class OptimizerState : IDisposable
{
    private readonly List<torch.Tensor> _tensors = [];

    /// <summary>The state tensor of parameter <paramref name="index"/>, created as zeros of its shape on first use.</summary>
    public torch.Tensor For(int index, torch.Tensor parameter, double initial = 0)
    {
        using var value = initial.ToScalar();
        while (_tensors.Count <= index)
        {
            var fresh = torch.full_like(parameter, value).DetachFromDisposeScope();
            _tensors.Add(fresh);
        }
        return _tensors[index];
    }

    /// <summary>Checks that parameters and gradients pair up.</summary>
    public static void CheckShapes(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        if (parameters.Count != gradients.Count)
            throw new ArgumentException($"{parameters.Count} parameters but {gradients.Count} gradients");
    }

    public void Dispose()
    {
        foreach (var t in _tensors) t.Dispose();
        _tensors.Clear();
    }
}
