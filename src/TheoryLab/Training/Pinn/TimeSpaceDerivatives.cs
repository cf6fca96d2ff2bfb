using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// A PINN u(t, x) on [0, T] × space that sees (2t/T − 1, x) (<see cref="InputScaling.TimeOntoUnitInterval"/>), and its
/// u_t, u_x and u_xx in the original t (<see cref="InputDerivatives"/>). Burgers' and Allen–Cahn's losses share it.
/// </summary>
public static class TimeSpaceDerivatives
{
    /// <summary>The network's u at rows (t, x) of <paramref name="points"/>, shape [n, 1].</summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor points, double finalTime) =>
        InputDerivatives.Predict(model, points, InputScaling.TimeOntoUnitInterval(finalTime));

    /// <summary>u, u_t, u_x and u_xx at rows (t, x), each of shape [n], in the graph (the caller's dispose scope holds them).</summary>
    public static (Tensor U, Tensor Ut, Tensor Ux, Tensor Uxx) Compute(nn.Module<Tensor, Tensor> model, Tensor points, double finalTime, PinnDerivatives derivatives)
    {
        var d = InputDerivatives.Take(model, points, [1], derivatives, InputScaling.TimeOntoUnitInterval(finalTime));
        return (d.U, d.First[0], d.First[1], d.Second[0]);
    }
}
