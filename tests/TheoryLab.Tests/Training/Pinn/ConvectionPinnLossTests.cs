using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training.Pinn;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>
/// The convection loss: zero on the exact travelling wave, the hand-computed value on a perturbed one, the periodicity
/// term by its definition, and autograd's u_t and u_x against finite differences of the network.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class ConvectionPinnLossTests
{
    public ConvectionPinnLossTests() => TorchRuntime.EnsureLoaded();

    private const double Beta = 30, Period = 2 * Math.PI;

    /// <summary>u(x, t) = sin(x − βt) + ε sin(x) t as a module of (x, t) rows: exact at ε = 0.</summary>
    private sealed class Wave(double epsilon) : nn.Module<Tensor, Tensor>("wave")
    {
        public override Tensor forward(Tensor points)
        {
            var x = points[.., 0..1];
            var t = points[.., 1..2];
            using Scalar speed = Beta.ToScalar(), perturbation = epsilon.ToScalar();
            return (x - t * speed).sin() + x.sin() * t * perturbation;
        }
    }

    private static readonly double[] Positions = [0, 1.3, 2.9, 4.4, 6.0];
    private static readonly double[] Times = [0, 0.25, 0.6, 1];
    private static readonly double[,] Collocation = { { 0.5, 0.1 }, { 2.0, 0.35 }, { 3.7, 0.8 }, { 5.9, 0.95 } };

    private static ConvectionPinnLoss Loss(double[] initialValues) =>
        new(Beta, Period, 1, Positions, initialValues, Times, Collocation, new PinnLossWeights(), ScalarType.Float64);

    [Fact]
    public void ExactSolution_HasZeroLossInEveryTerm()
    {
        using var loss = Loss([.. Positions.Select(Math.Sin)]);
        using var exact = new Wave(0);
        var terms = loss.Terms(exact);
        Assert.InRange(terms.Initial, 0, 1e-28);
        Assert.InRange(terms.Boundary, 0, 1e-26);
        Assert.InRange(terms.Residual, 0, 1e-24);
        Assert.InRange(loss.Loss(exact).AsDouble(), 0, 1e-24);
    }

    [Fact]
    public void PerturbedSolution_HasTheHandComputedLoss()
    {
        // u = sin(x − βt) + ε t sin x: u_t + β u_x = ε sin x + β ε t cos x; u(x, 0) is exact; u(0, t) − u(2π, t) = 0.
        const double epsilon = 0.1;
        using var loss = Loss([.. Positions.Select(Math.Sin)]);
        using var perturbed = new Wave(epsilon);
        double residual = 0;
        for (int p = 0; p < Collocation.GetLength(0); p++)
        {
            double x = Collocation[p, 0], t = Collocation[p, 1];
            residual += Math.Pow(epsilon * Math.Sin(x) + Beta * epsilon * t * Math.Cos(x), 2) / Collocation.GetLength(0);
        }
        var terms = loss.Terms(perturbed);
        Assert.True(residual > 0.1);
        Assert.Equal(residual, terms.Residual, 1e-12);
        Assert.InRange(terms.Initial, 0, 1e-28);
        Assert.Equal(residual, loss.Loss(perturbed).AsDouble(), 1e-12);
    }

    [Fact]
    public void BoundaryTerm_IsTheMeanSquaredDifferenceAcrossThePeriod()
    {
        // A network that is not periodic: u = x + t², so u(0, t) − u(2π, t) = −2π at every time.
        using var ramp = new Ramp();
        using var loss = Loss([.. Positions.Select(Math.Sin)]);
        var terms = loss.Terms(ramp);
        Assert.Equal(Period * Period, terms.Boundary, 1e-12);
        double initial = Positions.Select(x => Math.Pow(x - Math.Sin(x), 2)).Average();
        Assert.Equal(initial, terms.Initial, 1e-12);
        // u_t + β u_x = 2t + β.
        double residual = Enumerable.Range(0, Collocation.GetLength(0)).Select(p => Math.Pow(2 * Collocation[p, 1] + Beta, 2)).Average();
        Assert.Equal(residual, terms.Residual, 1e-9);
    }

    private sealed class Ramp() : nn.Module<Tensor, Tensor>("ramp")
    {
        public override Tensor forward(Tensor points) => points[.., 0..1] + points[.., 1..2].Squared();
    }

    [Fact]
    public void Derivatives_ByAutograd_EqualCentralFiniteDifferencesOfTheNetwork()
    {
        using var generator = new Generator(11);
        using var model = new Mlp([2, 16, 16, 1], Activations.Tanh, TorchDefaultInitialisation.Instance, generator, ScalarType.Float64);
        double[,] points = { { 0.4, 0.05 }, { 3.1, 0.17 }, { 5.5, 0.24 } };
        // A window of length 0.25: the network sees 4t, and u_t must carry the factor 4.
        using var loss = new ConvectionPinnLoss(Beta, Period, 0.25, Positions, [.. Positions.Select(Math.Sin)], Times, Collocation, new PinnLossWeights(), ScalarType.Float64);
        var (_, ut, ux) = loss.Derivatives(model, tensor(points, dtype: ScalarType.Float64));
        double[] uts = ut.detach().data<double>().ToArray(), uxs = ux.detach().data<double>().ToArray();
        const double h = 1e-5;
        double U(double x, double t)
        {
            using var noGrad = no_grad();
            return model.forward(tensor(new double[,] { { x, t / 0.25 } }, dtype: ScalarType.Float64)).AsDouble();
        }
        for (int p = 0; p < points.GetLength(0); p++)
        {
            double x = points[p, 0], t = points[p, 1];
            Assert.Equal((U(x, t + h) - U(x, t - h)) / (2 * h), uts[p], 1e-8);
            Assert.Equal((U(x + h, t) - U(x - h, t)) / (2 * h), uxs[p], 1e-8);
            Assert.True(Math.Abs(uts[p]) + Math.Abs(uxs[p]) > 1e-2, "the check needs a network whose derivatives are not negligible");
        }
    }

    [Fact]
    public void Loss_UnderNoGrad_StillTakesTheResidualsDerivatives()
    {
        // Landscape probes measure under no_grad; the residual must not silently vanish there.
        using var loss = Loss([.. Positions.Select(Math.Sin)]);
        using var ramp = new Ramp();
        double withGrad = loss.Loss(ramp).AsDouble();
        using var noGrad = no_grad();
        Assert.Equal(withGrad, loss.Loss(ramp).AsDouble(), 1e-12);
    }
}
