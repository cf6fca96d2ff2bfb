using TheoryLab.Numerics;
using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// The built-in activations, with closed-form Gaussian expectations where they exist: the arc-cosine kernel
/// for ReLU (Cho &amp; Saul 2009), the arcsine kernel for erf (Williams 1997), and exact one-dimensional
/// moments for hard-tanh. Everything else is integrated numerically, and tests check the quadrature
/// against these forms.
/// </summary>
public static class Activations
{
    private static readonly double TwoOverSqrtPi = 2 / Math.Sqrt(Math.PI);

    /// <summary>
    /// The Scalar 1, made once: softsign runs on several training threads at once, and a temporary Scalar could be
    /// finalised by a collection another thread triggers while libtorch still reads it.
    /// </summary>
    private static readonly Lazy<Scalar> One = new(() => 1.0.ToScalar());

    public static Activation Tanh { get; } = new()
    {
        Name = "tanh",
        Parity = Parity.Odd,
        Value = Math.Tanh,
        Derivative = u => { double t = Math.Tanh(u); return 1 - t * t; },
        Tensor = x => x.tanh(),
        TensorDerivative = x =>
        {
            using var one = 1.ToScalar();
            return x.tanh().Squared().SubtractedFrom(one);
        },
    };

    public static Activation Relu { get; } = new()
    {
        Name = "relu",
        Value = u => u > 0 ? u : 0,
        Derivative = u => u > 0 ? 1 : 0,
        Kinks = [0],
        Tensor = x => x.relu(),
        TensorDerivative = x =>
        {
            using var zero = 0.ToScalar();
            return x.gt(zero).to(x.dtype);
        },
        ClosedForms = new GaussianClosedForms
        {
            SecondMoment = q => q / 2,
            SecondMomentSlope = _ => 0.5,
            Covariance = (q1, q2, c) => Math.Sqrt(q1 * q2) / (2 * Math.PI) * (Math.Sqrt(Math.Max(0, 1 - c * c)) + (Math.PI - Math.Acos(c)) * c),
            DerivativeSecondMoment = _ => 0.5,
            DerivativeCovariance = (_, _, c) => (Math.PI - Math.Acos(c)) / (2 * Math.PI),
        },
    };

    public static Activation Erf { get; } = new()
    {
        Name = "erf",
        Parity = Parity.Odd,
        Value = SpecialFunctions.Erf,
        Derivative = u => TwoOverSqrtPi * Math.Exp(-u * u),
        Tensor = torch.erf,
        TensorDerivative = x =>
        {
            using var twoOverSqrtPi = TwoOverSqrtPi.ToScalar();
            return twoOverSqrtPi * (-x.Squared()).exp();
        },
        ClosedForms = new GaussianClosedForms
        {
            SecondMoment = q => 2 / Math.PI * Math.Asin(2 * q / (1 + 2 * q)),
            SecondMomentSlope = q => 4 / Math.PI / ((1 + 2 * q) * Math.Sqrt(1 + 4 * q)),
            Covariance = (q1, q2, c) => 2 / Math.PI * Math.Asin(2 * c * Math.Sqrt(q1 * q2) / Math.Sqrt((1 + 2 * q1) * (1 + 2 * q2))),
            DerivativeSecondMoment = q => 4 / Math.PI / Math.Sqrt(1 + 4 * q),
            DerivativeCovariance = (q1, q2, c) => 4 / Math.PI / Math.Sqrt((1 + 2 * q1) * (1 + 2 * q2) - 4 * c * c * q1 * q2),
        },
    };

    public static Activation Linear { get; } = new()
    {
        Name = "linear",
        Parity = Parity.Odd,
        Value = u => u,
        Derivative = _ => 1,
        Tensor = x => x.alias(),
        TensorDerivative = x => torch.ones_like(x),
        ClosedForms = new GaussianClosedForms
        {
            SecondMoment = q => q,
            SecondMomentSlope = _ => 1,
            Covariance = (q1, q2, c) => c * Math.Sqrt(q1 * q2),
            DerivativeSecondMoment = _ => 1,
            DerivativeCovariance = (_, _, _) => 1,
        },
    };

    /// <summary>clip(u, −1, 1). Its one-dimensional moments are closed forms; the correlation map is integrated piecewise.</summary>
    public static Activation HardTanh { get; } = new()
    {
        Name = "hard-tanh",
        Parity = Parity.Odd,
        Value = u => Math.Clamp(u, -1, 1),
        Derivative = u => Math.Abs(u) < 1 ? 1 : 0,
        Kinks = [-1, 1],
        Tensor = x =>
        {
            using Scalar lower = (-1).ToScalar(), upper = 1.ToScalar();
            return x.clamp(lower, upper);
        },
        TensorDerivative = x =>
        {
            using var one = 1.ToScalar();
            return x.abs().lt(one).to(x.dtype);
        },
        ClosedForms = new GaussianClosedForms
        {
            // u ~ N(0, q), t = 1/√q: E[min(u², 1)] = q(P(|z| < t) − 2tφ(t)) + P(|z| > t).
            SecondMoment = q => q <= 0 ? 0 : q * (InsideProbability(q) - 2 * TimesDensity(q)) + 1 - InsideProbability(q),
            // d/dq of the above: the terms from the moving edges cancel.
            SecondMomentSlope = q => q <= 0 ? 1 : InsideProbability(q) - 2 * TimesDensity(q),
            DerivativeSecondMoment = InsideProbability,
        },
    };

    /// <summary>
    /// Softsign u/(1 + |u|) (Bergstra et al. 2009), which Glorot and Bengio (2010) compare with tanh: like tanh it is
    /// odd with slope 1 at 0, but it approaches ±1 polynomially rather than exponentially. φ″ jumps at 0.
    /// </summary>
    public static Activation Softsign { get; } = new()
    {
        Name = "softsign",
        Parity = Parity.Odd,
        Value = u => u / (1 + Math.Abs(u)),
        Derivative = u => 1 / ((1 + Math.Abs(u)) * (1 + Math.Abs(u))),
        Kinks = [0],
        Tensor = x => x / x.abs().PlusInPlace(One.Value),
        TensorDerivative = x => x.abs().PlusInPlace(One.Value).Squared().reciprocal_(),
    };


    /// <summary>The built-ins by the names the experiment options use.</summary>
    public static IReadOnlyList<Activation> All { get; } = [Tanh, Relu, Erf, Linear, HardTanh, Softsign];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(a => a.Name)];

    public static Activation ByName(string name) =>
        All.FirstOrDefault(a => a.Name == name)
        ?? throw new TheoryLabException($"unknown activation '{name}'{Suggestions.DidYouMean(name, Names)}; built-in activations: {string.Join(", ", Names)} (or pass Activation.Custom from C#).");

    /// <summary>P(|u| &lt; 1) for u ~ N(0, q).</summary>
    private static double InsideProbability(double q) => q <= 0 ? 1 : SpecialFunctions.Erf(1 / Math.Sqrt(2 * q));

    /// <summary>t·φ(t) with t = 1/√q, the Gaussian density mass at the clipping edge.</summary>
    private static double TimesDensity(double q)
    {
        double t = 1 / Math.Sqrt(q);
        return t * SpecialFunctions.NormalPdf(t);
    }
}
