using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// A curve θ(t), t ∈ [0, 1], from a solution θ₁ to a solution θ₂ of the same model, bent by one trainable point φ,
/// trained in the manner of Garipov et al. (2018): the loss at a uniformly drawn t is minimised over φ, with θ₁ and θ₂
/// held fixed. The curve is a module whose only parameter is φ, so the library's <see cref="Trainer"/> trains it with
/// any <see cref="Training.Optimizers.IOptimizer"/> through <see cref="TrainingLoss"/>; θ(t) is linear in φ, so the gradient
/// with respect to φ is the model's gradient at θ(t) times φ's coefficient, and the curve works for any TorchSharp model.
/// φ starts at the midpoint (θ₁ + θ₂)/2, where both kinds of curve are the straight line.
/// </summary>
public sealed class ConnectingCurve : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly ParameterVector _weights;

    /// <param name="kind">Bézier curve or polygonal chain.</param>
    /// <param name="model">The model whose weights the curve runs through.</param>
    /// <param name="start">θ₁, flat (see <see cref="ParameterVector.Of"/>).</param>
    /// <param name="end">θ₂, flat.</param>
    public ConnectingCurve(CurveKind kind, nn.Module<Tensor, Tensor> model, Tensor start, Tensor end) : base("ConnectingCurve")
    {
        Kind = kind;
        _model = model;
        _weights = ParameterVector.Of(model);
        Start = start.detach().clone();
        End = end.detach().clone();
        using var half = 0.5.ToScalar();
        Bend = new Parameter(Start.Plus(End).mul_(half));
        register_parameter("bend", Bend);
    }

    public CurveKind Kind { get; }

    /// <summary>θ₁.</summary>
    public Tensor Start { get; }

    /// <summary>θ₂.</summary>
    public Tensor End { get; }

    /// <summary>φ, the trainable bend.</summary>
    public Parameter Bend { get; }

    /// <summary>The weights of θ₁, φ and θ₂ in θ(t).</summary>
    public static (double Start, double Bend, double End) Coefficients(CurveKind kind, double t) => kind switch
    {
        CurveKind.Bezier => ((1 - t) * (1 - t), 2 * t * (1 - t), t * t),
        _ when t < 0.5 => (1 - 2 * t, 2 * t, 0),
        _ => (0, 2 - 2 * t, 2 * t - 1),
    };

    /// <summary>θ(t), flat.</summary>
    public Tensor PointAt(double t)
    {
        var (a, b, c) = Coefficients(Kind, t);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Scalars held until the end: temporaries made from doubles may be freed by the garbage collector mid-call.
        using Scalar start = a.ToScalar(), bend = b.ToScalar(), end = c.ToScalar();
        return Start.mul(start).add_(Bend, bend).add_(End, end).MoveToOuterDisposeScope();
    }

    /// <summary>The model at the weights it holds now (the last point a loss or a probe put there).</summary>
    public override Tensor forward(Tensor input) => _model.call(input);

    /// <summary>Switches the model's mode with the curve's, so batch norm uses batch statistics while the curve trains.</summary>
    public override void train(bool on = true)
    {
        base.train(on);
        _model.train(on);
    }

    /// <summary>
    /// The loss that trains φ: for each batch a t uniform on [0, 1] from <paramref name="random"/>, the model set to
    /// θ(t), and <paramref name="loss"/> there. Its value is the loss at θ(t) and its gradient with respect to φ is
    /// c_φ(t) ∇L(θ(t)), the chain rule through θ(t) = c₁θ₁ + c_φφ + c₂θ₂.
    /// </summary>
    public LossFunction TrainingLoss(LossFunction loss, Random random) => (_, batch) =>
    {
        double t = random.NextDouble();
        using (var point = PointAt(t)) _weights.Write(point);
        var value = loss(_model, batch);
        var gradients = autograd.grad([value], [.. _weights.Parameters], allow_unused: true);
        using var weight = Coefficients(Kind, t).Bend.ToScalar();
        var bendGradient = _weights.Flatten([.. gradients]).mul_(weight);
        // Equal to the loss, with gradient bendGradient with respect to φ: ⟨φ, g⟩ − ⟨φ̄, g⟩ with φ̄ detached is zero but
        // carries φ's gradient. Summed by stack, as TorchSharp's + makes a temporary Scalar (see HessianOperator).
        return stack([value.detach(), Bend.mul(bendGradient).sum().sub(Bend.detach().mul(bendGradient).sum())]).sum();
    };

    /// <summary>
    /// The measure at θ(t) for each t in <paramref name="ts"/> (with batch-norm statistics recomputed there, as Garipov
    /// et al. do); the model's weights are restored afterwards.
    /// </summary>
    public PointMeasure[] Along(LandscapeProbe probe, IReadOnlyList<double> ts, CancellationToken cancellation = default)
    {
        using var saved = _weights.Flatten();
        try
        {
            var measures = new PointMeasure[ts.Count];
            for (int i = 0; i < ts.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var point = PointAt(ts[i]);
                measures[i] = probe.MeasureAt(point);
            }
            return measures;
        }
        finally
        {
            _weights.Write(saved);
        }
    }
}
