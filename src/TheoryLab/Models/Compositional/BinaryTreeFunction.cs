using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Compositional;

/// <summary>
/// A compositional function on a binary tree (Poggio et al. 2017): n = 2^L inputs in [−1, 1] are combined in
/// pairs by the same two-variable constituent h, level after level, up to one output, e.g. for n = 8
/// f = h(h(h(x₁,x₂), h(x₃,x₄)), h(h(x₅,x₆), h(x₇,x₈))). Every constituent maps [−1, 1]² into [−1, 1], so the
/// composition stays in the domain at every level.
/// </summary>
public sealed class BinaryTreeFunction
{
    /// <summary>The constituents a user chooses by name.</summary>
    public static readonly string[] ConstituentNames = ["chebyshev", "product", "fold", "sine"];

    private readonly Func<Tensor, Tensor, Tensor> _h;

    public BinaryTreeFunction(int inputs, string constituent)
    {
        if (inputs < 2 || (inputs & (inputs - 1)) != 0)
            throw new TheoryLabException($"a binary tree needs a power of two inputs (2, 4, 8, 16, …); got n = {inputs}.");
        Inputs = inputs;
        Constituent = constituent;
        _h = constituent switch
        {
            // T₂ of the mean: a quadratic that uses both arguments and keeps [−1, 1].
            "chebyshev" => (x, y) =>
            {
                using Scalar two = 2.ToScalar(), one = 1.ToScalar();
                return two * (x.Plus(y) / two).Squared() - one;
            },
            "product" => (x, y) => x * y,
            // |x + y| − 1 = σ(x + y) + σ(−x − y) − 1: two ReLUs fold the plane along x + y = 0.
            "fold" => (x, y) =>
            {
                using var one = 1.ToScalar();
                return x.Plus(y).abs() - one;
            },
            "sine" => (x, y) =>
            {
                using var halfPi = (Math.PI / 2).ToScalar();
                return (halfPi * x.Plus(y)).sin();
            },
            _ => throw new TheoryLabException($"unknown constituent '{constituent}'; choose one of {string.Join(", ", ConstituentNames)}."),
        };
    }

    public int Inputs { get; }
    public string Constituent { get; }

    /// <summary>Levels of the tree: log₂ n.</summary>
    public int Levels => (int)Math.Round(Math.Log2(Inputs));

    /// <summary>The formula of the constituent, for captions.</summary>
    public string Formula => Constituent switch
    {
        "chebyshev" => "h(x,y) = 2((x+y)/2)² − 1",
        "product" => "h(x,y) = xy",
        "fold" => "h(x,y) = |x+y| − 1",
        _ => "h(x,y) = sin(π(x+y)/2)",
    };

    /// <summary>f at each row of <paramref name="x"/> (batch × n); returns a vector of length batch.</summary>
    public Tensor Evaluate(Tensor x)
    {
        var values = x;
        while (values.shape[1] > 1)
        {
            var pairs = values.reshape(values.shape[0], values.shape[1] / 2, 2);
            values = _h(pairs.select(2, 0), pairs.select(2, 1));
        }
        return values.squeeze(1);
    }
}
