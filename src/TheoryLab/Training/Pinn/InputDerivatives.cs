using TheoryLab.Models.FullyConnected;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>A network's u at rows of points with its first derivative in every input column and second derivatives in some, each of shape [n] and in the graph.</summary>
public sealed record InputDerivativeValues(Tensor U, IReadOnlyList<Tensor> First, IReadOnlyList<Tensor> Second);

/// <summary>
/// The input derivatives a PINN residual needs, along the coordinate axes of the PDE's points (which the network may
/// see through an <see cref="InputScaling"/>): carried forward through a tanh <see cref="Mlp"/>
/// (<see cref="TanhDerivativePropagation"/>, several times faster) or by autograd for any network, the second
/// derivative through the graph of the first. Gradients are on even under a caller's no_grad.
/// </summary>
public static class InputDerivatives
{
    /// <summary>The network's u at rows of <paramref name="points"/>, shape [n, 1].</summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor points, InputScaling? scaling = null)
    {
        using var scope = NewDisposeScope();
        return model.forward(InputScaling.Apply(scaling, points)).MoveToOuterDisposeScope();
    }

    /// <param name="points">Rows of points, [n, d].</param>
    /// <param name="secondAlong">The columns of the second derivatives wanted, in order.</param>
    /// <param name="scaling">How the network sees the points; null when it sees them as they are.</param>
    public static InputDerivativeValues Take(nn.Module<Tensor, Tensor> model, Tensor points, IReadOnlyList<int> secondAlong, PinnDerivatives how,
        InputScaling? scaling = null)
    {
        using var enabled = enable_grad();
        using var scope = NewDisposeScope();
        int dimension = (int)points.shape[1];
        InputDerivativeValues values;
        if (how == PinnDerivatives.Propagated)
        {
            if (model is not Mlp mlp) throw new TheoryLabException("derivatives are propagated through an Mlp only; take them by autograd for other networks.");
            // The a-th coordinate direction of the points is Scale[a] times the a-th axis of the network's input.
            var axes = Enumerable.Range(0, dimension).Select(a => Enumerable.Range(0, dimension)
                .Select(b => a == b ? scaling?.Scale[a] ?? 1.0 : 0.0).ToArray()).ToArray();
            var d = TanhDerivativePropagation.Propagate(mlp, InputScaling.Apply(scaling, points), axes, secondAlong);
            values = new(d.Value[.., 0], [.. d.First.Select(f => f[.., 0])], [.. d.Second.Select(s => s[.., 0])]);
        }
        else
        {
            var x = points.detach().requires_grad_(true);
            var u = model.forward(InputScaling.Apply(scaling, x));
            var first = autograd.grad([u], [x], [ones_like(u)], retain_graph: true, create_graph: true)[0];
            var second = secondAlong.Select(a =>
            {
                var column = first[.., a];
                return autograd.grad([column], [x], [ones_like(column)], retain_graph: true, create_graph: true)[0][.., a];
            }).ToArray();
            values = new(u[.., 0], [.. Enumerable.Range(0, dimension).Select(a => first[.., a])], second);
        }
        foreach (var t in values.First.Concat(values.Second).Append(values.U)) t.MoveToOuterDisposeScope();
        return values;
    }
}
