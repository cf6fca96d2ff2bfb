using TheoryLab.Models.FullyConnected;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// A PINN u(t, x) on [0, T] × space that sees (2t/T − 1, x), t mapped onto x's range [−1, 1] as Raissi's code scales
/// its inputs, and its derivatives u_t, u_x and u_xx in the original t at rows (t, x): propagated forward through a
/// tanh <see cref="Mlp"/> with its values (<see cref="TanhDerivativePropagation"/>, several times faster), or taken by
/// autograd, the second through the graph of the first, for any network. Burgers' and Allen–Cahn's losses share it.
/// </summary>
public static class TimeSpaceDerivatives
{
    /// <summary>The network's u at rows (t, x) of <paramref name="points"/>, shape [n, 1].</summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor points, double finalTime)
    {
        using var scope = NewDisposeScope();
        using var scale = (2 / finalTime).ToScalar();
        var time = points[.., 0..1].mul(scale).sub_(1.0);
        return model.forward(cat([time, points[.., 1..2]], 1)).MoveToOuterDisposeScope();
    }

    /// <summary>u, u_t, u_x and u_xx at rows (t, x), each of shape [n], in the graph (the caller's dispose scope holds them).</summary>
    public static (Tensor U, Tensor Ut, Tensor Ux, Tensor Uxx) Compute(nn.Module<Tensor, Tensor> model, Tensor points, double finalTime, PinnDerivatives derivatives) =>
        derivatives == PinnDerivatives.Propagated ? Propagated(model, points, finalTime) : ByAutograd(model, points, finalTime);

    private static (Tensor U, Tensor Ut, Tensor Ux, Tensor Uxx) Propagated(nn.Module<Tensor, Tensor> model, Tensor points, double finalTime)
    {
        if (model is not Mlp mlp) throw new TheoryLabException("derivatives are propagated through an Mlp only; take them by autograd for other networks.");
        using var scale = (2 / finalTime).ToScalar();
        var inputs = cat([points[.., 0..1].mul(scale).sub_(1.0), points[.., 1..2]], 1);
        // The network sees 2t/T − 1, so the t-direction in its input space is (2/T, 0).
        var d = TanhDerivativePropagation.Propagate(mlp, inputs, [[2 / finalTime, 0], [0, 1]], [1]);
        return (d.Value[.., 0], d.First[0][.., 0], d.First[1][.., 0], d.Second[0][.., 0]);
    }

    private static (Tensor U, Tensor Ut, Tensor Ux, Tensor Uxx) ByAutograd(nn.Module<Tensor, Tensor> model, Tensor points, double finalTime)
    {
        var x = points.detach().requires_grad_(true);
        var u = Predict(model, x, finalTime);
        var first = autograd.grad([u], [x], [ones_like(u)], retain_graph: true, create_graph: true)[0];
        var ux = first[.., 1];
        var uxx = autograd.grad([ux], [x], [ones_like(ux)], retain_graph: true, create_graph: true)[0][.., 1];
        return (u[.., 0], first[.., 0], ux, uxx);
    }
}
