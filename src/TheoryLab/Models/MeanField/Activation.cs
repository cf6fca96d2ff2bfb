using TorchSharp;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// A pointwise nonlinearity φ as both a scalar function (for the mean-field integrals) and a tensor function
/// (for finite networks), with its derivative, the points where it is not smooth, and whatever Gaussian
/// expectations have closed forms. Built-ins are in <see cref="Activations"/>; <see cref="Custom"/> wraps
/// any C# function.
/// </summary>
public sealed record Activation
{
    public required string Name { get; init; }

    /// <summary>φ(u).</summary>
    public required Func<double, double> Value { get; init; }

    /// <summary>φ′(u); a central difference when the activation was given without one.</summary>
    public required Func<double, double> Derivative { get; init; }

    /// <summary>True when <see cref="Derivative"/> is a finite difference (error about 1e-10), not an exact formula.</summary>
    public bool DerivativeIsNumerical { get; init; }

    /// <summary>Values of u where φ or φ′ is not smooth (0 for ReLU, ±1 for hard-tanh); quadrature splits there.</summary>
    public IReadOnlyList<double> Kinks { get; init; } = [];

    /// <summary>φ(−u) = −φ(u) (odd), φ(−u) = φ(u) (even), or neither; only a claim that holds may be made.</summary>
    public Parity Parity { get; init; } = Parity.None;

    /// <summary>Closed-form Gaussian expectations, or null to integrate everything numerically.</summary>
    public GaussianClosedForms? ClosedForms { get; init; }

    /// <summary>φ on tensors; null means <see cref="Value"/> applied element by element on the CPU (no autograd).</summary>
    public Func<torch.Tensor, torch.Tensor>? Tensor { get; init; }

    /// <summary>φ′ on tensors; null means <see cref="Derivative"/> applied element by element.</summary>
    public Func<torch.Tensor, torch.Tensor>? TensorDerivative { get; init; }

    /// <summary>
    /// An activation from any C# function. Without <paramref name="derivative"/> φ′ is a central difference,
    /// which is numerical (as neural-tangents' stax warns for its quadrature fallback): fine for curves, not
    /// for checks below about 1e-9. Name the kinks of a piecewise function so quadrature stays accurate.
    /// </summary>
    public static Activation Custom(string name, Func<double, double> value, Func<double, double>? derivative = null, IReadOnlyList<double>? kinks = null) => new()
    {
        Name = name,
        Value = value,
        Derivative = derivative ?? (u => CentralDifference(value, u)),
        DerivativeIsNumerical = derivative is null,
        Kinks = kinks ?? [],
    };

    /// <summary>φ applied to a tensor, by <see cref="Tensor"/> or element by element.</summary>
    public torch.Tensor Apply(torch.Tensor x) => Tensor is { } t ? t(x) : Elementwise(x, Value);

    /// <summary>φ′ applied to a tensor.</summary>
    public torch.Tensor ApplyDerivative(torch.Tensor x) => TensorDerivative is { } t ? t(x) : Elementwise(x, Derivative);

    public override string ToString() => Name;

    /// <summary>Step h ∝ ε^{1/3} balances truncation and rounding error of the central difference.</summary>
    internal static double CentralDifference(Func<double, double> f, double u)
    {
        double h = 1e-5 * Math.Max(1, Math.Abs(u));
        return (f(u + h) - f(u - h)) / (2 * h);
    }

    private static torch.Tensor Elementwise(torch.Tensor x, Func<double, double> f)
    {
        using var scope = torch.NewDisposeScope();
        var cpu = x.detach().cpu().to(torch.float64).contiguous();
        var values = cpu.data<double>().ToArray();
        for (int i = 0; i < values.Length; i++) values[i] = f(values[i]);
        return torch.tensor(values, cpu.shape, torch.float64).to(x.dtype).to(x.device).MoveToOuterDisposeScope();
    }
}
