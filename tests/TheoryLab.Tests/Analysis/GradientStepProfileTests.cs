using TheoryLab.Analysis;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis;

public class GradientStepProfileTests
{
    public GradientStepProfileTests() => TorchRuntime.EnsureLoaded();

    // Least squares L(w) = ½ mean((Xw − y)²), in float64, on fixed numbers: a quadratic whose loss and gradient along
    // any step are written out below in plain doubles, independently of autograd.
    private static readonly double[,] X = { { 1.0, 2.0, -0.5 }, { 0.3, -1.2, 2.2 }, { -1.5, 0.4, 0.7 }, { 2.0, 0.1, -0.3 } };
    private static readonly double[] Y = [0.5, -1.0, 2.0, 0.3];
    private static readonly double[] W = [0.2, -0.4, 0.9];

    private static double HandLoss(double[] w) =>
        Enumerable.Range(0, Y.Length).Average(i => 0.5 * Math.Pow(Enumerable.Range(0, W.Length).Sum(j => X[i, j] * w[j]) - Y[i], 2));

    private static double[] HandGradient(double[] w)
    {
        var g = new double[w.Length];
        for (int i = 0; i < Y.Length; i++)
        {
            double residual = Enumerable.Range(0, w.Length).Sum(j => X[i, j] * w[j]) - Y[i];
            for (int j = 0; j < w.Length; j++) g[j] += residual * X[i, j] / Y.Length;
        }
        return g;
    }

    private static (Problem Problem, Batch Batch) Quadratic()
    {
        var model = nn.Linear(3, 1, hasBias: false, dtype: float64);
        using (no_grad()) model.weight!.copy_(tensor(W, dtype: float64).reshape(1, 3));
        var inputs = tensor(X.Cast<double>().ToArray(), dtype: float64).reshape(4, 3);
        var batch = new Batch(inputs, tensor(Y, dtype: float64));
        LossFunction loss = (m, b) =>
        {
            using var half = 0.5.ToScalar();
            return m.call(b.Inputs).squeeze(1).sub(b.Targets!).Squared().mean().mul(half);
        };
        return (new Problem(model, new TensorBatches(inputs, batch.Targets, 4, shuffle: false), loss), batch);
    }

    [Fact]
    public void Measure_OnAQuadratic_EqualsTheLossAndGradientsComputedByHandAlongTheStep()
    {
        using var scope = NewDisposeScope();
        var (problem, batch) = Quadratic();
        double[] steps = [0, 0.05, 0.3, 1.7, -0.2];
        var profile = GradientStepProfile.Measure(problem, batch, steps);

        var g = HandGradient(W);
        double norm = Math.Sqrt(g.Sum(x => x * x));
        // Sums of a dozen float64 products: agreement to 1e-12 relative leaves room only for rounding.
        Assert.Equal(HandLoss(W), profile.Loss, 1e-12);
        Assert.Equal(norm, profile.GradientNorm, 1e-12);
        double largestRatio = 0;
        for (int k = 0; k < steps.Length; k++)
        {
            var moved = W.Select((w, j) => w - steps[k] * g[j]).ToArray();
            var there = HandGradient(moved);
            double change = Math.Sqrt(g.Zip(there, (a, b) => (a - b) * (a - b)).Sum());
            Assert.Equal(HandLoss(moved), profile.Losses[k], 1e-12);
            Assert.Equal(change, profile.GradientChanges[k], 1e-12);
            if (steps[k] != 0) largestRatio = Math.Max(largestRatio, change / (Math.Abs(steps[k]) * norm));
        }
        Assert.Equal(largestRatio, profile.EffectiveSmoothness, 1e-12);
        Assert.Equal((profile.Losses.Min(), profile.Losses.Max()), profile.LossRange);
    }

    [Fact]
    public void EffectiveSmoothness_OnAQuadratic_IsTheCurvatureAlongTheGradient_AtMostTheLargestEigenvalue()
    {
        // For L = ½ wᵀHw − bᵀw, ∇L(w − ηg) = g − ηHg, so every step gives ‖Hg‖/‖g‖ ≤ λ_max(H) = λ_max(XᵀX/n).
        using var scope = NewDisposeScope();
        var (problem, batch) = Quadratic();
        var profile = GradientStepProfile.Measure(problem, batch, [0.1, 0.5, 2]);
        var ratios = profile.GradientChanges.Zip(profile.StepSizes, (c, eta) => c / (eta * profile.GradientNorm)).ToArray();
        Assert.All(ratios, r => Assert.Equal(ratios[0], r, 1e-12));
        var x = tensor(X.Cast<double>().ToArray(), dtype: float64).reshape(4, 3);
        using var examples = 4.ToScalar();
        double largest = linalg.eigvalsh(x.T.matmul(x).div(examples)).max().AsDouble();
        Assert.True(profile.EffectiveSmoothness <= largest * (1 + 1e-12), $"{profile.EffectiveSmoothness} above λ_max = {largest}");
    }

    [Fact]
    public void Measure_LeavesParametersBatchNormStatisticsAndStoredGradientsAsTheyWere()
    {
        using var scope = NewDisposeScope();
        using var weights = new Generator(5);
        var model = new SequentialSpec("probe", [6], [new Dense(8), new BatchNorm(), new ActivationLayer(Activations.Relu), new Dense(3)]).Build(weights);
        var inputs = randn(16, 6);
        var labels = randint(0, 3, [16]);
        var problem = new Problem(model, new TensorBatches(inputs, labels, 16, shuffle: false), Classification.CrossEntropy);
        model.train();
        model.call(inputs);  // moves the running statistics away from their initial 0 and 1
        var parameters = model.parameters().Select(p => p.detach().clone()).ToArray();
        var buffers = model.buffers().Select(b => b.clone()).ToArray();

        var profile = GradientStepProfile.Measure(problem, new Batch(inputs, labels), [0.1, 1]);

        Assert.True(profile.Losses.All(double.IsFinite) && profile.GradientNorm > 0);
        Assert.All(model.parameters().Zip(parameters), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        Assert.All(model.buffers().Zip(buffers), b => Assert.True(b.First.eq(b.Second).all().item<bool>()));
        Assert.All(model.parameters(), p => Assert.Null(p.grad));
    }
}
