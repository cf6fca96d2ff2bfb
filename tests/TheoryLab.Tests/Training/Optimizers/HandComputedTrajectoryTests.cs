using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Optimizers;

/// <summary>AdaGrad-Norm and SVRG, which libtorch lacks, against their recurrences written out in plain doubles.</summary>
public class HandComputedTrajectoryTests
{
    [Fact]
    public void AdaGradNorm_OnADiagonalQuadratic_FollowsTheRecurrenceOfWardWuBottou()
    {
        TorchRuntime.EnsureLoaded();
        double[] curvature = [2.0, 0.5];
        double eta = 0.7, b0 = 0.3;
        double[] x = [1.0, -3.0];
        double bSquared = b0 * b0;
        var param = tensor(x, dtype: float64);
        using var optimizer = new AdaGradNorm(eta, b0);
        for (int k = 0; k < 40; k++)
        {
            // By hand: g = (a₁x₁, a₂x₂), b² += ‖g‖², x −= η g / b.
            double g0 = curvature[0] * x[0], g1 = curvature[1] * x[1];
            bSquared += g0 * g0 + g1 * g1;
            x[0] -= eta * g0 / Math.Sqrt(bSquared);
            x[1] -= eta * g1 / Math.Sqrt(bSquared);

            using var scope = NewDisposeScope();
            optimizer.Step([param], [param * tensor(curvature, dtype: float64)]);
            var got = param.data<double>().ToArray();
            Assert.Equal(x[0], got[0], 1e-13);
            Assert.Equal(x[1], got[1], 1e-13);
        }
        Assert.Equal(Math.Sqrt(bSquared), optimizer.B, 1e-12);
        Assert.True(Math.Abs(x[1]) < 2.5, "the trajectory should have moved towards 0");
    }

    /// <summary>fᵢ(x) = ½ aᵢ (x − cᵢ)², i = 0, 1, 2, on the line.</summary>
    private sealed class ScalarQuadratics(double[] a, double[] c) : IFiniteSum
    {
        public int Count => a.Length;

        public Tensor Gradient(Tensor x, IReadOnlyList<int> indices)
        {
            double v = x.AsDouble();
            return tensor(new[] { indices.Average(i => a[i] * (v - c[i])) }, dtype: float64);
        }

        public Tensor FullGradient(Tensor x) => Gradient(x, Enumerable.Range(0, Count).ToList());
    }

    [Fact]
    public void Svrg_OnScalarQuadratics_FollowsTheRecurrenceOfJohnsonZhang()
    {
        TorchRuntime.EnsureLoaded();
        double[] a = [1.0, 3.0, 0.5], c = [2.0, -1.0, 4.0];
        var problem = new ScalarQuadratics(a, c);
        var svrg = new Svrg(alpha: 0.2, innerSteps: 4);
        int[][] indices = [[2, 0, 1, 1], [0, 0, 2, 1], [1, 2, 0, 2]];
        double x = 5.0;
        var snapshot = tensor(new[] { x }, dtype: float64);
        foreach (var epoch in indices)
        {
            // By hand: μ = mean of aᵢ(x̃ − cᵢ); x ← x − α(aᵢ(x − cᵢ) − aᵢ(x̃ − cᵢ) + μ) = x − α(aᵢ(x − x̃) + μ).
            double tilde = x;
            double mu = Enumerable.Range(0, 3).Average(i => a[i] * (tilde - c[i]));
            foreach (int i in epoch) x -= 0.2 * (a[i] * (x - tilde) + mu);

            var next = svrg.Epoch(problem, snapshot, epoch);
            snapshot.Dispose();
            snapshot = next;
            Assert.Equal(x, snapshot.AsDouble(), 1e-13);
        }
        Assert.Equal(3 + 2 * 4, svrg.GradientsPerEpoch(problem));
    }
}
