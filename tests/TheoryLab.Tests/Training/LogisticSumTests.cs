using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

/// <summary>ℓ2-regularised logistic regression: Newton's minimiser, the gap formula and the constants, on random overlapping classes.</summary>
public class LogisticSumTests
{
    private const double Ridge = 0.05;

    /// <summary>60 points in 4 dimensions whose labels follow a noisy linear rule, so the classes overlap (x* is finite without λ too).</summary>
    private static LogisticSum Problem()
    {
        TorchRuntime.EnsureLoaded();
        var random = new Random(11);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var a = Enumerable.Range(0, 60 * 4).Select(_ => Gaussian()).ToArray();
        var y = Enumerable.Range(0, 60).Select(i => a[4 * i] - 0.5 * a[4 * i + 1] + Gaussian() > 0 ? 1.0 : -1.0).ToArray();
        return new LogisticSum(tensor(a, dtype: float64).reshape(60, 4), tensor(y, dtype: float64), Ridge);
    }

    [Fact]
    public void Newton_ReachesTheMinimizer_ToMachinePrecision()
    {
        using var problem = Problem();
        // Rounding in a mean of 60 terms of size about 1 is about 10⁻¹⁶; quadratic convergence gets there in a handful of steps.
        Assert.True(problem.GradientNormAtMinimizer < 1e-14, $"‖∇F(x*)‖ = {problem.GradientNormAtMinimizer:E2}");
        Assert.True(problem.NewtonIterations < 20, $"{problem.NewtonIterations} Newton iterations");
    }

    [Fact]
    public void Gap_AgreesWithTheValueDifference_AndLiesBetweenTheQuadraticBounds()
    {
        using var problem = Problem();
        var random = new Random(4);
        for (int trial = 0; trial < 5; trial++)
        {
            using var scope = NewDisposeScope();
            using var size = Math.Pow(10, -trial).ToScalar();
            var offset = tensor(Enumerable.Range(0, 4).Select(_ => random.NextDouble() - 0.5).ToArray(), dtype: float64).mul_(size);
            var x = problem.Minimizer.Plus(offset);
            double gap = problem.Gap(x), squared = offset.Squared().sum().AsDouble();
            // F(x) − F* in doubles is good to about 10⁻¹⁵ absolute; the term-by-term gap must match it to that.
            Assert.Equal(problem.Value(x) - problem.MinimumValue, gap, 1e-14);
            // Strong convexity and smoothness: (c/2)‖x − x*‖² ≤ F(x) − F* ≤ (L/2)‖x − x*‖², c = λ, L the Hessian bound.
            Assert.InRange(gap, problem.StrongConvexity / 2 * squared, problem.Smoothness / 2 * squared);
        }
    }

    [Fact]
    public void Gap_NearTheMinimizer_IsTheHessianQuadraticForm()
    {
        // At ‖x − x*‖ ≈ 2.6·10⁻⁷ the gap ≈ 10⁻¹⁴ is near the rounding of F itself (F(x) − F* would keep one or two
        // digits); the term-by-term formula must agree with ½ eᵀ∇²F(x*)e up to the third-order remainder, a relative
        // ‖e‖·|F‴|/F″ ≈ 10⁻⁷ here. (Differencing the margins instead of using e lost 4·10⁻⁴ relative.)
        using var problem = Problem();
        using var scope = NewDisposeScope();
        var e = tensor(new[] { 1e-7, -2e-7, 0.5e-7, 1e-7 }, dtype: float64);
        double quadratic = 0.5 * e.dot(problem.Hessian(problem.Minimizer).matmul(e)).AsDouble();
        Assert.Equal(1, problem.Gap(problem.Minimizer.Plus(e)) / quadratic, 1e-5);
    }

    [Fact]
    public void Gradients_MeanOfComponents_IsTheFullGradient_AndMatchFiniteDifferences()
    {
        using var problem = Problem();
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.3, -0.2, 0.1, 0.4 }, dtype: float64);
        var full = problem.FullGradient(x);
        Assert.True(problem.Gradient(x, Enumerable.Range(0, 60).ToList()).sub(full).abs().max().AsDouble() < 1e-15);
        // Central differences with h = 10⁻⁵ have truncation error about h² · F''' ≈ 10⁻¹⁰.
        for (int j = 0; j < 4; j++)
        {
            var h = zeros(4, dtype: float64);
            h[j] = 1e-5;
            double numeric = (problem.Value(x.Plus(h)) - problem.Value(x.sub(h))) / 2e-5;
            Assert.Equal(numeric, full[j].AsDouble(), 1e-9);
        }
    }

    [Fact]
    public void Constants_AreOrdered_AndMIsTheComponentGradientVarianceAtTheMinimizer()
    {
        using var problem = Problem();
        Assert.Equal(Ridge, problem.StrongConvexity);
        Assert.True(problem.CurvatureAtMinimizer >= Ridge && problem.CurvatureAtMinimizer < problem.Smoothness);
        Assert.True(problem.Smoothness <= problem.ComponentSmoothness);
        double m = Enumerable.Range(0, 60).Average(i =>
        {
            using var scope = NewDisposeScope();
            return problem.Gradient(problem.Minimizer, [i]).Squared().sum().AsDouble();
        });
        Assert.Equal(m, problem.GradientVarianceAtMinimizer, 1e-12);
    }

    [Fact]
    public void Labels_OtherThanPlusOrMinusOne_AndZeroRidge_AreRefused()
    {
        TorchRuntime.EnsureLoaded();
        var a = ones(3, 2, dtype: float64);
        Assert.Throws<ArgumentException>(() => new LogisticSum(a, tensor(new[] { 1.0, 0, -1 }, dtype: float64), 0.1));
        var e = Assert.Throws<TheoryLabException>(() => new LogisticSum(a, tensor(new[] { 1.0, 1, -1 }, dtype: float64), 0));
        Assert.Contains("λ > 0", e.Message);
    }
}
