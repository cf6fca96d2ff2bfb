using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Cubature;
using TheoryLab.Numerics.Pde;
using TheoryLab.Torch;
using TheoryLab.Training.Pinn;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>
/// The Poisson loss: zero on the exact solution in 1-D and 2-D, the hand-computed weighted residual and boundary
/// terms on a perturbed one (with Gauss weights, the exact integral), and its Laplacian against central differences
/// of a network, propagated and by autograd.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class PoissonPinnLossTests
{
    public PoissonPinnLossTests() => TorchRuntime.EnsureLoaded();

    private const double Epsilon = 0.1;

    /// <summary>Π sin(kπxₐ) + ε x₀^p x₁ (the second factor only in 2-D) as a module of rows of coordinates.</summary>
    private sealed class Solution(int frequency, double epsilon, int power) : nn.Module<Tensor, Tensor>("solution")
    {
        public override Tensor forward(Tensor points)
        {
            using Scalar wavenumber = (frequency * Math.PI).ToScalar(), exponent = power.ToScalar(), size = epsilon.ToScalar();
            var u = (points * wavenumber).sin().prod(1, keepdim: true);
            var perturbation = points[.., 0..1].pow(exponent) * size;
            if (points.shape[1] == 2) perturbation = perturbation * points[.., 1..2];
            return u + perturbation;
        }
    }

    private static PoissonPinnLoss Loss(PoissonSine problem, CubatureRule rule, double[,] boundary, PinnDerivatives derivatives = PinnDerivatives.Autograd)
    {
        var points = rule.Points;
        var source = Enumerable.Range(0, rule.Count).Select(i => problem.Source([.. Enumerable.Range(0, problem.Dimension).Select(d => points[i, d])])).ToArray();
        return new PoissonPinnLoss(points, rule.Weights.ToArray(), source, boundary, new double[boundary.GetLength(0)], new PinnLossWeights(), ScalarType.Float64, derivatives);
    }

    private static readonly double[,] Ends = { { 0 }, { 1 } };
    private static readonly double[,] Edges = { { 0.3, 0 }, { 0.3, 1 }, { 0, 0.6 }, { 1, 0.6 }, { 1, 0.9 } };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ExactSolution_HasZeroLossInEveryTerm(int dimension)
    {
        var problem = new PoissonSine([.. Enumerable.Repeat(2, dimension)]);
        using var loss = Loss(problem, Halton.Rule(37, dimension), dimension == 1 ? Ends : Edges);
        using var exact = new Solution(2, 0, 3);
        var terms = loss.Terms(exact);
        Assert.Equal(0, terms.Initial);
        Assert.InRange(terms.Boundary, 0, 1e-28);
        Assert.InRange(terms.Residual, 0, 1e-22);
    }

    [Fact]
    public void PerturbedSolution1D_HasTheHandComputedTerms_AndGaussWeightsGiveTheIntegral()
    {
        // u + ε x³: Δ(εx³) = 6εx, so the residual is 6εx; at the ends u = 0 and ε.
        var problem = new PoissonSine(2);
        var rule = GaussLegendreProduct.Rule(3, 1);
        using var loss = Loss(problem, rule, Ends);
        using var perturbed = new Solution(2, Epsilon, 3);
        var terms = loss.Terms(perturbed);
        var points = rule.Points;
        double weighted = Enumerable.Range(0, rule.Count).Sum(i => rule.Weights[i] * Math.Pow(6 * Epsilon * points[i, 0], 2));
        Assert.Equal(weighted, terms.Residual, 1e-12);
        Assert.Equal(12 * Epsilon * Epsilon, terms.Residual, 1e-12);   // ∫₀¹ 36ε²x² dx, exact for 3 Gauss nodes
        Assert.Equal(Epsilon * Epsilon / 2, terms.Boundary, 1e-14);
        Assert.Equal(terms.Boundary + terms.Residual, loss.Loss(perturbed).AsDouble(), 1e-12);
    }

    [Fact]
    public void PerturbedSolution2D_HasTheHandComputedTerms()
    {
        // u + ε x²y: Δ(εx²y) = 2εy; on the edges the perturbation is εx²y.
        var problem = new PoissonSine(2, 2);
        var rule = MidpointGrid.Rule(4, 2);
        using var loss = Loss(problem, rule, Edges);
        using var perturbed = new Solution(2, Epsilon, 2);
        var terms = loss.Terms(perturbed);
        var points = rule.Points;
        double residual = Enumerable.Range(0, rule.Count).Average(i => Math.Pow(2 * Epsilon * points[i, 1], 2));
        double boundary = Enumerable.Range(0, Edges.GetLength(0)).Average(i => Math.Pow(Epsilon * Edges[i, 0] * Edges[i, 0] * Edges[i, 1], 2));
        Assert.Equal(residual, terms.Residual, 1e-12);
        Assert.Equal(boundary, terms.Boundary, 1e-14);
    }

    [Fact]
    public void Laplacian_PropagatedAndByAutograd_EqualsCentralFiniteDifferencesOfTheNetwork()
    {
        using var generator = new Generator(3);
        using var model = new Mlp([2, 16, 16, 1], Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, ScalarType.Float64);
        var problem = new PoissonSine(1, 1);
        double[,] points = { { 0.2, 0.3 }, { 0.55, 0.8 }, { 0.9, 0.1 } };
        var rule = CubatureRule.EqualWeights(points);
        using var autograd = Loss(problem, rule, Edges, PinnDerivatives.Autograd);
        using var propagated = Loss(problem, rule, Edges, PinnDerivatives.Propagated);
        const double h = 1e-4;
        double U(double x, double y)
        {
            using var noGrad = no_grad();
            return model.forward(tensor(new double[,] { { x, y } }, dtype: ScalarType.Float64)).AsDouble();
        }
        var byAutograd = autograd.Residual(model).detach().data<double>().ToArray();
        var byPropagation = propagated.Residual(model).detach().data<double>().ToArray();
        for (int p = 0; p < points.GetLength(0); p++)
        {
            double x = points[p, 0], y = points[p, 1];
            double laplacian = (U(x + h, y) + U(x - h, y) + U(x, y + h) + U(x, y - h) - 4 * U(x, y)) / (h * h);
            double source = problem.Source([x, y]);
            Assert.Equal(laplacian, byAutograd[p] - source, 1e-6);
            Assert.Equal(byAutograd[p], byPropagation[p], 1e-12);
            Assert.True(Math.Abs(laplacian) > 1e-3, "the check needs a network whose Laplacian is not negligible");
        }
    }
}
