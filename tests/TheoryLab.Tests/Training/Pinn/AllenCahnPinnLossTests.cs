using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training.Pinn;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>
/// Allen–Cahn's PINN loss: the residual by both derivative paths against central finite differences of the network
/// (there is no closed-form solution to give a zero residual), the periodicity gaps likewise, the propagated path's
/// loss gradient against nested autograd's, and the terms and their weighting by definition.
/// </summary>
public class AllenCahnPinnLossTests
{
    public AllenCahnPinnLossTests() => TorchRuntime.EnsureLoaded();

    private const double Diffusion = 1e-4, Reaction = 5;

    private static Mlp Network(int width = 12, int layers = 2)
    {
        using var generator = new Generator(11);
        return new Mlp([2, .. Enumerable.Repeat(width, layers), 1], Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, ScalarType.Float64);
    }

    private static AllenCahnPinnLoss Loss(PinnLossWeights weights, PinnDerivatives derivatives = PinnDerivatives.Propagated, double[,]? collocation = null) => new(
        [-0.5, 0.25], [0.25 * Math.Cos(-0.5 * Math.PI), 0.0625 * Math.Cos(0.25 * Math.PI)], [0.3, 0.7],
        collocation ?? new double[,] { { 0.1, 0.2 }, { 0.4, -0.6 }, { 0.9, 0.05 } }, Diffusion, Reaction, 1, weights, ScalarType.Float64, derivatives);

    private const double H = 1e-4;

    private static double U(AllenCahnPinnLoss loss, Mlp model, double t, double x)
    {
        using var noGrad = no_grad();
        return loss.Predict(model, tensor(new double[,] { { t, x } }, dtype: ScalarType.Float64)).AsDouble();
    }

    [Theory]
    [InlineData(PinnDerivatives.Propagated)]
    [InlineData(PinnDerivatives.Autograd)]
    public void Residual_EqualsCentralFiniteDifferencesOfTheNetwork(PinnDerivatives derivatives)
    {
        using var model = Network();
        using var loss = Loss(new PinnLossWeights(), derivatives);
        double[,] points = { { 0.2, 0.3 }, { 0.8, -0.45 }, { 0.55, 0.9 } };
        using var scope = NewDisposeScope();
        var residual = loss.Residual(model, tensor(points, dtype: ScalarType.Float64)).detach().data<double>().ToArray();
        for (int p = 0; p < points.GetLength(0); p++)
        {
            double t = points[p, 0], x = points[p, 1], u = U(loss, model, t, x);
            double ut = (U(loss, model, t + H, x) - U(loss, model, t - H, x)) / (2 * H);
            double uxx = (U(loss, model, t, x + H) - 2 * u + U(loss, model, t, x - H)) / (H * H);
            Assert.InRange(Math.Abs(residual[p] - (ut - Diffusion * uxx - Reaction * u + Reaction * u * u * u)), 0, 1e-6);
            Assert.True(Math.Abs(ut) > 1e-2, "the check needs a network whose time derivative is not negligible");
        }
    }

    [Theory]
    [InlineData(PinnDerivatives.Propagated)]
    [InlineData(PinnDerivatives.Autograd)]
    public void PeriodicityGaps_EqualValuesAndCentralDifferencesAtBothEnds(PinnDerivatives derivatives)
    {
        using var model = Network();
        using var loss = Loss(new PinnLossWeights(), derivatives);
        double[] times = [0.1, 0.6];
        using var scope = NewDisposeScope();
        using var enabled = enable_grad();
        var (value, slope) = loss.PeriodicityGaps(model, tensor(times, dtype: ScalarType.Float64));
        var values = value.detach().data<double>().ToArray();
        var slopes = slope.detach().data<double>().ToArray();
        for (int k = 0; k < times.Length; k++)
        {
            double t = times[k];
            double Ux(double x) => (U(loss, model, t, x + H) - U(loss, model, t, x - H)) / (2 * H);
            Assert.Equal(U(loss, model, t, -1) - U(loss, model, t, 1), values[k], 1e-12);
            Assert.InRange(Math.Abs(slopes[k] - (Ux(-1) - Ux(1))), 0, 1e-7);
        }
        Assert.True(values.Max(Math.Abs) > 1e-3 && slopes.Max(Math.Abs) > 1e-3, "an untrained network should not be periodic by accident");
    }

    [Fact]
    public void LossGradient_OfPropagatedDerivatives_EqualsNestedAutograds()
    {
        using var model = Network(20, 4);
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

        double initial = (Math.Pow(U(plain, model, 0, -0.5) - 0.25 * Math.Cos(-0.5 * Math.PI), 2) + Math.Pow(U(plain, model, 0, 0.25) - 0.0625 * Math.Cos(0.25 * Math.PI), 2)) / 2;
        Assert.Equal(initial, terms.Initial, 1e-12);
        double Ux(double t, double x) => (U(plain, model, t, x + H) - U(plain, model, t, x - H)) / (2 * H);
        double boundary = new[] { 0.3, 0.7 }.Sum(t => Math.Pow(U(plain, model, t, -1) - U(plain, model, t, 1), 2)) / 2
            + new[] { 0.3, 0.7 }.Sum(t => Math.Pow(Ux(t, -1) - Ux(t, 1), 2)) / 2;
        Assert.Equal(boundary, terms.Boundary, 1e-7);
    }
}
