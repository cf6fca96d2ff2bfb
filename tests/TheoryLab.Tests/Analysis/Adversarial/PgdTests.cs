using TheoryLab.Analysis.Adversarial;
using TheoryLab.Torch;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// PGD's strength and its constraints on a random ReLU perceptron: with FGSM's first step it leaves no more accuracy
/// than FGSM; more steps or restarts never raise the accuracy left (each example keeps its worst point: an example
/// fooled by any single start is fooled by their restarts); every point stays in the ε-ball and the pixel bounds.
/// </summary>
public class PgdTests
{
    public PgdTests() => TorchRuntime.EnsureLoaded();

    private const int D = 30, N = 400;

    private static (nn.Module<Tensor, Tensor> Model, Tensor X, Tensor Labels) Setting()
    {
        var model = Perceptron(11, D, 32, 5);
        var x = Uniform(12, N, D);
        return (model, x, Predictions(model, x));
    }

    private static ThreatModel Threat(int steps, double step, bool randomStart = false, int restarts = 1) =>
        new(PerturbationNorm.Linf, 0.08) { Steps = steps, StepSize = step, RandomStart = randomStart, Restarts = restarts };

    [Fact]
    public void WithFgsmsFirstStep_PgdLeavesNoMoreAccuracyThanFgsm_AndMoreStepsNeverRaiseIt()
    {
        var (model, x, labels) = Setting();
        double fgsm = Accuracy(model, Fgsm.Attack(model, ThreatModel.Fgsm(0.08), x, labels), labels);
        Assert.InRange(fgsm, 0.05, 0.95);   // the attack neither fails nor wins outright, so the comparisons can fail
        double previous = fgsm;
        Tensor? fooled = null;
        foreach (int steps in new[] { 1, 2, 5, 10 })
        {
            var adversarial = Pgd.Attack(model, Threat(steps, 0.08), x, labels);
            var wrong = Predictions(model, adversarial).ne(labels);
            double accuracy = 1 - wrong.to(float64).mean().AsDouble();
            Assert.True(accuracy <= previous, $"{steps} steps leave {accuracy}, more than {previous} before");
            if (fooled is not null) Assert.False(fooled.logical_and(wrong.logical_not()).any().AsBoolean(), $"an example fooled with fewer steps is not with {steps}");
            (previous, fooled) = (accuracy, wrong);
        }
        Assert.True(previous < fgsm, $"ten steps ({previous}) should beat FGSM ({fgsm}) on this network");
    }

    [Fact]
    public void Restarts_KeepEachExamplesWorst_SoAnExampleFooledByAnyStartIsFooled()
    {
        var (model, x, labels) = Setting();
        var threat = Threat(3, 0.02, randomStart: true, restarts: 4);
        Tensor[] starts;
        using (var generator = new Generator(13)) starts = [.. Enumerable.Range(0, 4).Select(_ => Pgd.RandomStart(x, threat, generator))];
        var together = Predictions(model, Pgd.Attack(model, threat, x, labels, starts)).ne(labels);
        var any = zeros_like(together);
        double previous = 1;
        for (int r = 0; r < starts.Length; r++)
        {
            var single = Predictions(model, Pgd.Attack(model, threat with { Restarts = 1 }, x, labels, [starts[r]])).ne(labels);
            any = any.logical_or(single);
            double accuracy = 1 - Predictions(model, Pgd.Attack(model, threat with { Restarts = r + 1 }, x, labels, starts[..(r + 1)])).ne(labels).to(float64).mean().AsDouble();
            Assert.True(accuracy <= previous, $"{r + 1} restarts leave {accuracy}, more than {previous} with fewer");
            previous = accuracy;
        }
        Assert.True(together.eq(any).all().AsBoolean(), "the restarts' result is not the union of the single starts' successes");
        Assert.True(any.to(float64).mean().AsDouble() > 0.05);
    }

    [Theory]
    [InlineData(PerturbationNorm.Linf, 0.08)]
    [InlineData(PerturbationNorm.L2, 0.5)]
    public void EveryPoint_StaysInTheBallAndThePixelBounds(PerturbationNorm norm, double epsilon)
    {
        var (model, x, labels) = Setting();
        var threat = new ThreatModel(norm, epsilon) { Steps = 7, StepSize = epsilon / 3, RandomStart = true, Restarts = 2 };
        using var generator = new Generator(14);
        var adversarial = Pgd.Attack(model, threat, x, labels, generator);
        var delta = adversarial.sub(x);
        double size = (norm == PerturbationNorm.Linf ? delta.abs().amax(1) : delta.norm(1)).max().AsDouble();
        Assert.True(size <= epsilon * (1 + 1e-12), $"a perturbation of {size} exceeds ε = {epsilon}");
        Assert.True(adversarial.min().AsDouble() >= 0 && adversarial.max().AsDouble() <= 1);
        Assert.True(Accuracy(model, adversarial, labels) < 1);
    }
}
