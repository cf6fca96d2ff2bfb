using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training.Pinn;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>
/// The PINN loss's residual, by both derivative paths, against finite differences of the network; the propagated
/// path's loss gradient against nested autograd's; and its weighting of the terms.
/// </summary>
public class BurgersPinnLossTests
{
    public BurgersPinnLossTests() => TorchRuntime.EnsureLoaded();

    private const double Nu = 0.01 / Math.PI;

    private static Mlp Network()
    {
        using var generator = new Generator(7);
        return new Mlp([2, 12, 12, 1], Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, ScalarType.Float64);
    }

    private static BurgersPinnLoss Loss(PinnLossWeights weights, PinnDerivatives derivatives = PinnDerivatives.Propagated, double[,]? collocation = null) => new(
        new double[,] { { 0, -0.5 }, { 0, 0.25 } }, [Math.Sin(Math.PI * 0.5), -Math.Sin(Math.PI * 0.25)],
        new double[,] { { 0.3, -1 }, { 0.7, 1 } },
        collocation ?? new double[,] { { 0.1, 0.2 }, { 0.4, -0.6 }, { 0.9, 0.05 } }, Nu, 1, weights, ScalarType.Float64, derivatives);

    [Theory]
    [InlineData(PinnDerivatives.Propagated)]
    [InlineData(PinnDerivatives.Autograd)]
    public void Residual_EqualsCentralFiniteDifferencesOfTheNetwork(PinnDerivatives derivatives)
    {
        using var model = Network();
        using var loss = Loss(new PinnLossWeights(), derivatives);
        double[,] points = { { 0.2, 0.3 }, { 0.8, -0.45 }, { 0.55, 0.9 } };
        var residual = loss.Residual(model, tensor(points, dtype: ScalarType.Float64)).detach().data<double>().ToArray();
        const double h = 1e-4;
        double U(double t, double x)
        {
            using var noGrad = no_grad();
            return loss.Predict(model, tensor(new double[,] { { t, x } }, dtype: ScalarType.Float64)).AsDouble();
        }
        for (int p = 0; p < points.GetLength(0); p++)
        {
            double t = points[p, 0], x = points[p, 1], u = U(t, x);
            double ut = (U(t + h, x) - U(t - h, x)) / (2 * h);
            double ux = (U(t, x + h) - U(t, x - h)) / (2 * h);
            double uxx = (U(t, x + h) - 2 * u + U(t, x - h)) / (h * h);
            Assert.InRange(Math.Abs(residual[p] - (ut + u * ux - Nu * uxx)), 0, 1e-6);
            Assert.True(Math.Abs(ut) + Math.Abs(ux) > 1e-2, "the check needs a network whose derivatives are not negligible");
        }
    }

    [Fact]
    public void LossGradient_OfPropagatedDerivatives_EqualsNestedAutograds()
    {
        using var generator = new Generator(5);
        using var model = new Mlp([2, .. Enumerable.Repeat(20, 8), 1], Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, ScalarType.Float64);
        var random = new Random(2);
        var collocation = new double[200, 2];
        for (int p = 0; p < 200; p++) { collocation[p, 0] = random.NextDouble(); collocation[p, 1] = 2 * random.NextDouble() - 1; }
        double[] Gradient(PinnDerivatives derivatives)
        {
            using var loss = Loss(new PinnLossWeights(), derivatives, collocation);
            using var scope = NewDisposeScope();
            model.zero_grad();
            loss.Loss(model).backward();
            return cat([.. model.parameters().Select(p => p.grad!.reshape(-1))]).data<double>().ToArray();
        }
        var propagated = Gradient(PinnDerivatives.Propagated);
        var nested = Gradient(PinnDerivatives.Autograd);
        Assert.True(nested.Max(Math.Abs) > 1e-3, "the check needs a gradient that is not negligible");
        for (int i = 0; i < nested.Length; i++) Assert.Equal(nested[i], propagated[i], 1e-10);
    }

    [Fact]
    public void Loss_IsTheWeightedSumOfTheTermsEachByItsDefinition()
    {
        using var model = Network();
        using var plain = Loss(new PinnLossWeights());
        using var weighted = Loss(new PinnLossWeights(2, 3, 5));
        var terms = plain.Terms(model);
        Assert.Equal(2 * terms.Initial + 3 * terms.Boundary + 5 * terms.Residual, weighted.Loss(model).AsDouble(), 1e-12);

        using var noGrad = no_grad();
        double Predict(double t, double x) => plain.Predict(model, tensor(new double[,] { { t, x } }, dtype: ScalarType.Float64)).AsDouble();
        double initial = (Math.Pow(Predict(0, -0.5) - Math.Sin(Math.PI * 0.5), 2) + Math.Pow(Predict(0, 0.25) + Math.Sin(Math.PI * 0.25), 2)) / 4;
        double boundary = (Math.Pow(Predict(0.3, -1), 2) + Math.Pow(Predict(0.7, 1), 2)) / 4;
        Assert.Equal(initial, terms.Initial, 1e-12);
        Assert.Equal(boundary, terms.Boundary, 1e-12);
    }
}
