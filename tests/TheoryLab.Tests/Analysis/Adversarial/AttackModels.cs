using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>Small double-precision classifiers and inputs the attack tests share, drawn from fixed seeds.</summary>
internal static class AttackModels
{
    public static Tensor Normal(ulong seed, params long[] shape)
    {
        using var generator = new Generator(seed);
        return randn(shape, dtype: float64, generator: generator);
    }

    public static Tensor Uniform(ulong seed, params long[] shape)
    {
        using var generator = new Generator(seed);
        return rand(shape, dtype: float64, generator: generator);
    }

    /// <summary>An affine classifier x ↦ W x + b with the given weights.</summary>
    public static nn.Module<Tensor, Tensor> Affine(Tensor weight, Tensor bias)
    {
        var linear = nn.Linear(weight.shape[1], weight.shape[0], dtype: float64);
        using var noGrad = no_grad();
        linear.weight!.copy_(weight);
        linear.bias!.copy_(bias);
        return linear;
    }

    /// <summary>A d–hidden–classes ReLU perceptron with Gaussian weights of variance 2/fan-in and Gaussian biases, drawn from <paramref name="seed"/>.</summary>
    public static nn.Module<Tensor, Tensor> Perceptron(ulong seed, int d, int hidden, int classes)
    {
        using Scalar firstScale = Math.Sqrt(2.0 / d).ToScalar(), secondScale = Math.Sqrt(2.0 / hidden).ToScalar(), biasScale = 0.1.ToScalar();
        var first = Affine(Normal(seed, hidden, d).mul(firstScale), Normal(seed + 1, hidden).mul(biasScale));
        var second = Affine(Normal(seed + 2, classes, hidden).mul(secondScale), Normal(seed + 3, classes).mul(biasScale));
        var model = nn.Sequential(("hidden", first), ("relu", nn.ReLU()), ("out", second));
        model.eval();
        return model;
    }

    public static Tensor Predictions(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var noGrad = no_grad();
        return model.call(x).argmax(1);
    }

    public static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor labels) =>
        Predictions(model, x).eq(labels).to(float64).mean().AsDouble();
}
