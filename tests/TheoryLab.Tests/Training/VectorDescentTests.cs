using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class VectorDescentTests
{
    [Fact]
    public void GradientDescentOnAOneDimensionalQuadratic_StopsAtTheFirstIterateWithinTolerance()
    {
        // f(x) = ½x² with step ½ halves x each step: x_k = 2⁻ᵏ, so ‖x_k‖ ≤ 10⁻³ first at k = 10 (2⁻¹⁰ ≈ 9.8·10⁻⁴).
        TorchRuntime.EnsureLoaded();
        using var x = tensor(new[] { 1.0 }, dtype: float64);
        using var sgd = new Sgd(0.5);
        var seen = new List<double>();
        int? stopped = VectorDescent.Run(x, sgd, (x, _) => x.clone(), 100, (x, k) =>
        {
            seen.Add(x.item<double>());
            return x.item<double>() <= 1e-3;
        }, CancellationToken.None);
        Assert.Equal(10, stopped);
        Assert.Equal(Enumerable.Range(0, 11).Select(k => Math.Pow(2, -k)), seen);
        Assert.Equal(10, sgd.Steps);
    }

    [Fact]
    public void ARunThatNeverStops_SeesEveryIterateAndAsksForOneGradientPerStep()
    {
        TorchRuntime.EnsureLoaded();
        using var x = tensor(new[] { 1.0 }, dtype: float64);
        using var sgd = new Sgd(0.5);
        var gradientsAt = new List<int>();
        var iterates = new List<int>();
        int? stopped = VectorDescent.Run(x, sgd, (x, k) => { gradientsAt.Add(k); return x.clone(); }, 5,
            (_, k) => { iterates.Add(k); return false; }, CancellationToken.None);
        Assert.Null(stopped);
        Assert.Equal([0, 1, 2, 3, 4], gradientsAt);
        Assert.Equal([0, 1, 2, 3, 4, 5], iterates);
        Assert.Equal(Math.Pow(2, -5), x.item<double>());
    }
}
