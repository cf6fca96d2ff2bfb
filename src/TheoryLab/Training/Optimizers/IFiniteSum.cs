using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// A finite-sum objective F(x) = (1/n) Σᵢ fᵢ(x) over one parameter vector, seen through a gradient oracle:
/// what variance-reduced methods such as <see cref="Svrg"/> need, since they take full gradients at snapshots.
/// </summary>
public interface IFiniteSum
{
    /// <summary>n, the number of components fᵢ.</summary>
    int Count { get; }

    /// <summary>The mean of ∇fᵢ(x) over <paramref name="indices"/> (a mini-batch gradient); a new tensor.</summary>
    torch.Tensor Gradient(torch.Tensor x, IReadOnlyList<int> indices);

    /// <summary>∇F(x), the mean over all n components; a new tensor.</summary>
    torch.Tensor FullGradient(torch.Tensor x);
}
