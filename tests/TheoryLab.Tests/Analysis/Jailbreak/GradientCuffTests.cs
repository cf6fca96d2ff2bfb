using TorchSharp;
using TheoryLab.Analysis.Jailbreak;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Jailbreak;

/// <summary>
/// Gradient Cuff's pieces: the zeroth-order estimate converges to the gradient of a quadratic (closed form) as P
/// grows, the refusal loss is one minus the product of the model's next-token probabilities of the refusal, and the
/// gradient norm of the refusal loss matches the autograd gradient's norm when P is large and μ small.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class GradientCuffTests
{
    public GradientCuffTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void ZerothOrderEstimate_ConvergesToTheGradientOfAQuadratic_AsPGrows()
    {
        const int d = 6;
        var random = new Random(3);
        var m = tensor(Enumerable.Range(0, d * d).Select(_ => random.NextDouble() - 0.5).ToArray()).reshape(d, d);
        var a = m.matmul(m.T) + eye(d, dtype: ScalarType.Float64);
        var b = tensor(Enumerable.Range(0, d).Select(_ => random.NextDouble()).ToArray());
        var x = tensor(Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray());
        // f(x) = ½ xᵀAx + bᵀx, ∇f = Ax + b; rows of the batch are points.
        using var half = 0.5.ToScalar();
        Tensor F(Tensor points) => half * (points.matmul(a) * points).sum(1) + points.matmul(b);
        var exact = a.matmul(x) + b;
        double Error(int directions, ulong seed)
        {
            using var generator = new Generator(seed);
            return (ZerothOrderGradient.Estimate(F, x, 0.02, directions, generator) - exact).norm().AsDouble() / exact.norm().AsDouble();
        }
        // The estimate's relative error falls like √(d/P): mean over seeds at P = 10, 1,000 and 100,000.
        double[] errors = [.. new[] { 10, 1_000, 100_000 }.Select(p => Enumerable.Range(0, 5).Average(s => Error(p, (ulong)(s + 1))))];
        Assert.True(errors[0] > errors[1] && errors[1] > errors[2], $"errors {string.Join(", ", errors)} do not fall with P");
        Assert.True(errors[2] < 0.03, $"at P = 100,000 the relative error is {errors[2]}");
        Assert.True(errors[0] > 0.3, $"at P = 10 the relative error is only {errors[0]}: the test cannot tell convergence from luck");
    }

    [Fact]
    public void RefusalLoss_IsOneMinusTheProductOfNextTokenProbabilities()
    {
        using var model = JailbreakModels.Sharp(8, 7);
        int[] before = [0], query = [3, 5, 6], after = [1], refusal = [2, 4];
        using var generator = new Generator(1);
        var landscape = GradientCuff.Measure(model, before, query, after, refusal, 0.02, 4, generator);
        using var noGrad = no_grad();
        double p = 1;
        var tokens = new List<long> { 0, 3, 5, 6, 1 };
        foreach (int next in refusal)
        {
            p *= model.forward(tensor(tokens.ToArray()).unsqueeze(0))[0, -1].softmax(0)[next].AsDouble();
            tokens.Add(next);
        }
        Assert.Equal(1 - p, landscape.RefusalLoss, 12);
        Assert.InRange(p, 1e-6, 1 - 1e-6);
    }

    [Fact]
    public void GradientNorm_ApproachesTheAutogradGradientNorm_WithManyDirections()
    {
        using var model = JailbreakModels.Sharp(9, 7);
        int[] before = [0], query = [3, 5, 6], after = [1], refusal = [2, 4];
        var embedded = Responses.Embed(model, query).detach().requires_grad_(true);
        using var one = 1.ToScalar();
        var phi = one - Responses.LogProbability(model, cat([Responses.Embed(model, before), embedded, Responses.Embed(model, after)], 1), refusal).exp().sum();
        phi.backward();
        double exact = embedded.grad!.norm().AsDouble();
        using var generator = new Generator(2);
        var landscape = GradientCuff.Measure(model, before, query, after, refusal, 1e-4, 40_000, generator);
        Assert.True(Math.Abs(landscape.GradientNorm - exact) < 0.05 * exact, $"zeroth-order ‖g‖ = {landscape.GradientNorm}, autograd {exact}");
        Assert.True(exact > 1e-3, "the refusal loss is flat here, so the check proves little");
    }

    [Fact]
    public void TheDetector_RejectsLowRefusalLoss_ThenLargeGradients()
    {
        Assert.True(GradientCuff.Rejects(new RefusalLandscape(0.4, 0), 1));
        Assert.False(GradientCuff.Rejects(new RefusalLandscape(0.6, 0.9), 1));
        Assert.True(GradientCuff.Rejects(new RefusalLandscape(0.6, 1.1), 1));
        Assert.Equal(double.PositiveInfinity, GradientCuff.DetectorScore(new RefusalLandscape(0.4, 0.2)));
        Assert.Equal(0.2, GradientCuff.DetectorScore(new RefusalLandscape(0.6, 0.2)));
    }
}
