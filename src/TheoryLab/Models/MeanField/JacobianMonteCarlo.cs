using TheoryLab.Kernel;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// Input–output Jacobians of finite random networks drawn from an <see cref="MlpSpec"/>: one input per network with
/// its first pre-activations at length q*, J = D^l W^l ⋯ D^1 W^1 accumulated layer by layer in float64, and the
/// eigenvalues of JJᵀ (squared singular values of J) at each requested depth of the same network — the first l layers
/// of a depth-L network are a depth-l network of the same spec.
/// </summary>
public static class JacobianMonteCarlo
{
    /// <summary>Eigenvalues[r][k]: the eigenvalues of JJᵀ, in descending order, of network r at depth depths[k].</summary>
    public static double[][][] Eigenvalues(MlpSpec spec, IReadOnlyList<int> depths, int networks, Generator generator,
        IProgressTask? progress = null, CancellationToken cancellation = default)
    {
        if (networks < 1) throw new TheoryLabException($"networks = {networks}: Monte Carlo needs at least one network.");
        if (depths.Count == 0 || depths.Min() < 1 || depths.Max() > spec.Depth)
            throw new TheoryLabException($"Jacobian depths must lie in 1…{spec.Depth}, not {string.Join(", ", depths)}.");
        TorchRuntime.EnsureLoaded();
        var maps = spec.MeanField();
        double q = maps.QStar;
        // q⁰ that puts the first pre-activations at q*: σ_w² q⁰ + σ_b² = q*; 1 where q* is 0 or infinite (no input
        // reaches it, or for ReLU at σ_b = 0 every length is a fixed point).
        double inputLength = double.IsFinite(q) && q > spec.SigmaB2 ? (q - spec.SigmaB2) / spec.SigmaW2 : 1;
        int last = depths.Max();
        var result = new double[networks][][];
        for (int r = 0; r < networks; r++)
        {
            result[r] = new double[depths.Count][];
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var x = SignalMonteCarlo.Inputs(spec.Width, [inputLength], [], 0, generator)[0];
            Tensor? jacobian = null;
            for (int l = 1; l <= last; l++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var step = NewDisposeScope();
                using var layer = spec.Initialisation.Layer(spec.Width, spec.Width, generator, ScalarType.Float64);
                var h = layer.forward(x.unsqueeze(0))[0];
                var slopes = spec.Activation.ApplyDerivative(h).unsqueeze(1);
                var next = slopes * (jacobian is null ? layer.weight! : layer.weight!.matmul(jacobian));
                jacobian?.Dispose();
                jacobian = next.MoveToOuterDisposeScope();
                x = spec.Activation.Apply(h).MoveToOuterDisposeScope();
                int k = IndexOf(depths, l);
                if (k >= 0) result[r][k] = [.. linalg.svdvals(jacobian).Squared().data<double>()];
            }
            progress?.Advance(1, $"network {r + 1}/{networks}");
        }
        return result;
    }

    private static int IndexOf(IReadOnlyList<int> depths, int depth)
    {
        for (int k = 0; k < depths.Count; k++) if (depths[k] == depth) return k;
        return -1;
    }
}
