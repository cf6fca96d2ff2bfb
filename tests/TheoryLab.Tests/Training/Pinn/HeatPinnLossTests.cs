using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Pde;
using TheoryLab.Torch;
using TheoryLab.Training.Pinn;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>The heat loss: zero on the separable exact solution, the hand-computed terms on a perturbed one, and u_t − κ u_xx propagated against autograd and finite differences.</summary>
[Collection(RunAloneCollection.Name)]
public class HeatPinnLossTests
{
    public HeatPinnLossTests() => TorchRuntime.EnsureLoaded();

    private const double Kappa = 0.1, Epsilon = 0.1;
    private const int Frequency = 2;

    /// <summary>e^{−κ(kπ)²t} sin(kπx) + ε t on rows (t, x).</summary>
    private sealed class Solution(double epsilon) : nn.Module<Tensor, Tensor>("heat")
    {
        public override Tensor forward(Tensor points)
        {
            var t = points[.., 0..1];
            var x = points[.., 1..2];
            using Scalar decay = (-Kappa * Math.Pow(Frequency * Math.PI, 2)).ToScalar(), wavenumber = (Frequency * Math.PI).ToScalar(), perturbation = epsilon.ToScalar();
            return (t * decay).exp() * (x * wavenumber).sin() + t * perturbation;
        }
    }

    private static readonly double[] Positions = [0.1, 0.35, 0.5, 0.8];
    private static readonly double[,] Boundary = { { 0.2, 0 }, { 0.2, 1 }, { 0.7, 0 }, { 0.9, 1 } };
    private static readonly double[,] Collocation = { { 0.1, 0.3 }, { 0.45, 0.62 }, { 0.8, 0.15 }, { 0.95, 0.9 } };

    private static HeatPinnLoss Loss(PinnDerivatives derivatives = PinnDerivatives.Autograd)
    {
        var heat = new HeatSine(Kappa, Frequency);
        return new HeatPinnLoss(Kappa, Positions, [.. Positions.Select(heat.Initial)], Boundary, new double[4], Collocation, new PinnLossWeights(), ScalarType.Float64, derivatives);
    }

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
    public void PerturbedSolution_HasTheHandComputedTerms()
    {
        // + εt: the residual is ε everywhere, the initial values are untouched, the boundary values are εt.
        using var loss = Loss();
        using var perturbed = new Solution(Epsilon);
        var terms = loss.Terms(perturbed);
        Assert.Equal(Epsilon * Epsilon, terms.Residual, 1e-14);
        Assert.InRange(terms.Initial, 0, 1e-30);
        double boundary = Enumerable.Range(0, 4).Average(i => Math.Pow(Epsilon * Boundary[i, 0], 2));
        Assert.Equal(boundary, terms.Boundary, 1e-14);
    }

    [Fact]
    public void Residual_PropagatedAndByAutograd_EqualsFiniteDifferencesOfTheNetwork()
    {
        using var generator = new Generator(5);
        using var model = new Mlp([2, 16, 16, 1], Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, ScalarType.Float64);
        using var autograd = Loss(PinnDerivatives.Autograd);
        using var propagated = Loss(PinnDerivatives.Propagated);
        var byAutograd = autograd.Residual(model).detach().data<double>().ToArray();
        var byPropagation = propagated.Residual(model).detach().data<double>().ToArray();
        const double h = 1e-4;
        double U(double t, double x)
        {
            using var noGrad = no_grad();
            return model.forward(tensor(new double[,] { { t, x } }, dtype: ScalarType.Float64)).AsDouble();
        }
        for (int p = 0; p < Collocation.GetLength(0); p++)
        {
            double t = Collocation[p, 0], x = Collocation[p, 1];
            double ut = (U(t + h, x) - U(t - h, x)) / (2 * h);
            double uxx = (U(t, x + h) - 2 * U(t, x) + U(t, x - h)) / (h * h);
            Assert.Equal(ut - Kappa * uxx, byAutograd[p], 1e-6);
            Assert.Equal(byAutograd[p], byPropagation[p], 1e-12);
        }
    }
}
