using TheoryLab.Experiments.Optimization;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Optimization;

/// <summary>Each method of the robustness sweep, built from (η, b₀), starts with the step η/b₀ as Ward et al. parameterise it.</summary>
public class InitialStepScaleTests
{
    /// <summary>The first step of <paramref name="method"/> on x = 0 with gradient g.</summary>
    private static double[] FirstStep(string method, double eta, double b0, double[] gradient)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = zeros(gradient.Length, dtype: float64);
        using var optimizer = InitialStepScale.Create(method, eta, b0);
        optimizer.Step([x], [tensor(gradient, dtype: float64)]);
        return x.data<double>().ToArray();
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adagrad-norm")]
    [InlineData("adagrad")]
    public void FirstStep_ForAGradientFarBelowB0_IsEtaOverB0TimesTheGradient(string method)
    {
        // With ‖g‖ = 5e-3 and b₀ = 100, √(b₀² + ‖g‖²) = b₀(1 + 1.25e-9): the step is −(η/b₀)g to a few parts in 10⁹.
        double eta = 2, b0 = 100;
        double[] g = [3e-3, -4e-3];
        var step = FirstStep(method, eta, b0, g);
        for (int i = 0; i < g.Length; i++) Assert.Equal(-eta / b0 * g[i], step[i], 1e-12);
    }

    [Fact]
    public void FirstStep_ForAGradientFarAboveB0_IsAUnitStepForAdaGradNorm_AndPerCoordinateForAdaGrad()
    {
        // b₁ = √(b₀² + ‖g‖²) ≈ ‖g‖: AdaGrad-Norm moves η along g/‖g‖; AdaGrad moves η·sign(gᵢ) in every coordinate.
        double eta = 0.5, b0 = 1e-6;
        double[] g = [3, -4];
        var norm = FirstStep("adagrad-norm", eta, b0, g);
        Assert.Equal(-eta * 3 / 5, norm[0], 1e-9);
        Assert.Equal(eta * 4 / 5, norm[1], 1e-9);
        var diagonal = FirstStep("adagrad", eta, b0, g);
        Assert.Equal(-eta, diagonal[0], 1e-9);
        Assert.Equal(eta, diagonal[1], 1e-9);
    }

    [Fact]
    public void FirstStep_OfAdam_IsEtaOverB0PerCoordinate()
    {
        // Adam's bias-corrected first step is η/b₀ · g/(|g| + ε): the step η/b₀ in each coordinate, whatever |g| ≫ ε.
        var step = FirstStep("adam", 1, 1e3, [0.2, -7]);
        Assert.Equal(-1e-3, step[0], 1e-10);
        Assert.Equal(1e-3, step[1], 1e-10);
    }

    [Fact]
    public void UnknownMethod_SaysWhichAreCovered()
    {
        var e = Assert.Throws<TheoryLabException>(() => InitialStepScale.Create("rmsprop", 1, 1));
        Assert.Contains("adagrad-norm", e.Message);
    }
}
