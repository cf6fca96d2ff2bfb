using TheoryLab.Options;
using TheoryLab.Training.Optimizers;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// Ward, Wu and Bottou's robustness comparison: every method is given a global step η and an initial scale b₀, and
/// starts with the step η/b₀. SGD keeps it; AdaGrad-Norm grows b from b₀ by the gradients' norms; diagonal AdaGrad
/// starts every coordinate's accumulator at b₀² (their AdaGrad-Coordinate, b_{k+1,i}² = b_{k,i}² + g_{k,i}², with no ε);
/// Adam takes the step η/b₀ with its usual β₁, β₂ and ε.
/// </summary>
internal sealed class InitialStepScale : IChoiceList
{
    private InitialStepScale() { }

    /// <summary>The registry names this parameterisation covers, which a method option may choose from.</summary>
    public static IReadOnlyList<string> Choices { get; } = ["sgd", "adagrad-norm", "adagrad", "adam"];

    /// <summary>A fresh optimiser of <paramref name="method"/> from the registry, with global step η and initial scale b₀.</summary>
    public static IOptimizer Create(string method, double eta, double b0) => method switch
    {
        "sgd" => OptimizerRegistry.Create("sgd", new Dictionary<string, double> { ["lr"] = eta / b0 }),
        "adagrad-norm" => OptimizerRegistry.Create("adagrad-norm", new Dictionary<string, double> { ["lr"] = eta, ["b0"] = b0 }),
        "adagrad" => OptimizerRegistry.Create("adagrad", new Dictionary<string, double> { ["lr"] = eta, ["initial_accumulator"] = b0 * b0, ["eps"] = 0 }),
        "adam" => OptimizerRegistry.Create("adam", new Dictionary<string, double> { ["lr"] = eta / b0 }),
        _ => throw new TheoryLabException($"no initial-scale parameterisation for '{method}'; use one of {string.Join(", ", Choices)}."),
    };

    /// <summary>How the method uses b₀, for captions and tables.</summary>
    public static string Describe(string method) => method switch
    {
        "sgd" => "SGD, step η/b₀",
        "adagrad-norm" => "AdaGrad-Norm (η, b₀)",
        "adagrad" => "AdaGrad, accumulators from b₀²",
        "adam" => "Adam, step η/b₀",
        _ => method,
    };

    /// <summary>The method's name as a column or finding key (<c>adagrad-norm</c> → <c>adagrad_norm</c>).</summary>
    public static string Key(string method) => method.Replace('-', '_');
}
