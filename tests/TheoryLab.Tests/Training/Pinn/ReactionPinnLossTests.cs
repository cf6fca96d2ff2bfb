using TheoryLab.Numerics.Pde;
using TheoryLab.Torch;
using TheoryLab.Training.Pinn;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>The reaction loss: zero on the exact logistic solution, and the hand-computed residual on a perturbed one.</summary>
[Collection(RunAloneCollection.Name)]
public class ReactionPinnLossTests
{
    public ReactionPinnLossTests() => TorchRuntime.EnsureLoaded();

    private const double Rho = 5, Epsilon = 0.1, Period = 2 * Math.PI;

    /// <summary>h e^{ρt} / (h e^{ρt} + 1 − h) + ε t on rows (x, t), h the paper's Gaussian bump.</summary>
    private sealed class Solution(double epsilon) : nn.Module<Tensor, Tensor>("reaction")
    {
        public override Tensor forward(Tensor points)
        {
            var x = points[.., 0..1];
            var t = points[.., 1..2];
            using Scalar centre = Math.PI.ToScalar(), minusTwiceVariance = (-2 * Math.Pow(Math.PI / 4, 2)).ToScalar(), rate = Rho.ToScalar();
            using Scalar one = 1.ToScalar(), perturbation = epsilon.ToScalar();
            var h = (x - centre).Squared().div(minusTwiceVariance).exp();
            var grown = h * (t * rate).exp();
            return grown / (grown + one - h) + t * perturbation;
        }
    }

    private static readonly double[] Positions = [0, 1.1, 3.0, 4.5, 6.0];
    private static readonly double[] Times = [0, 0.3, 0.8, 1];
    private static readonly double[,] Collocation = { { 0.5, 0.1 }, { 2.6, 0.35 }, { 3.3, 0.5 }, { 5.0, 0.95 } };

    private static ReactionPinnLoss Loss() =>
        new(Rho, Period, Positions, [.. Positions.Select(ReactionLogistic.Initial)], Times, Collocation, new PinnLossWeights(), ScalarType.Float64);

    [Fact]
    public void ExactSolution_HasZeroLossInEveryTerm()
    {
        using var loss = Loss();
        using var exact = new Solution(0);
        var terms = loss.Terms(exact);
        Assert.InRange(terms.Initial, 0, 1e-30);
        Assert.InRange(terms.Boundary, 0, 1e-30);
        Assert.InRange(terms.Residual, 0, 1e-26);
    }

    [Fact]
    public void PerturbedSolution_HasTheHandComputedResidual()
    {
        // v = u + εt: v_t − ρ v (1 − v) = ε − ρ (εt (1 − 2u) − ε²t²), since u_t = ρ u (1 − u); periodic and exact at t = 0.
        var exact = new ReactionLogistic(Rho);
        using var loss = Loss();
        using var perturbed = new Solution(Epsilon);
        var terms = loss.Terms(perturbed);
        double residual = Enumerable.Range(0, Collocation.GetLength(0)).Average(p =>
        {
            double x = Collocation[p, 0], t = Collocation[p, 1], u = exact.Value(t, x);
            return Math.Pow(Epsilon - Rho * (Epsilon * t * (1 - 2 * u) - Epsilon * Epsilon * t * t), 2);
        });
        Assert.True(residual > 1e-3);
        Assert.Equal(residual, terms.Residual, 1e-12);
        Assert.InRange(terms.Initial, 0, 1e-30);
        Assert.InRange(terms.Boundary, 0, 1e-28);
    }
}
