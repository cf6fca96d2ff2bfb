using TheoryLab.Analysis.Adversarial;
using TheoryLab.Torch;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// DeepFool on an affine multi-class classifier, where its linearisation is exact: one step without overshoot lands on
/// the nearest decision boundary, the two top logits tied and the point at the closed-form distance
/// min_k |f_k − f_k̂| / ‖w_k − w_k̂‖₂; with the paper's overshoot one step crosses it.
/// </summary>
public class DeepFoolTests
{
    public DeepFoolTests() => TorchRuntime.EnsureLoaded();

    private const int D = 20, Classes = 6, N = 50;

    private static (nn.Module<Tensor, Tensor> Model, Tensor W, Tensor B, Tensor X) Setting()
    {
        var w = Normal(21, Classes, D);
        var b = Normal(22, Classes);
        return (Affine(w, b), w, b, Normal(23, N, D));
    }

    [Fact]
    public void WithoutOvershoot_OneStepLandsOnTheNearestBoundary_AtTheClosedFormDistance()
    {
        var (model, w, b, x) = Setting();
        using var result = DeepFool.Attack(model, InputSpace.Unbounded, x, overshoot: 0, maxIterations: 1);
        var logits = model.call(result.Adversarial).detach();
        var top = logits.topk(2, 1).values;
        double scale = logits.abs().max().AsDouble();
        Assert.True(top[.., 0].sub(top[.., 1]).abs().max().AsDouble() < 1e-12 * scale, "the two top logits are not tied");

        var clean = x.matmul(w.t()).Plus(b);
        var predicted = clean.argmax(1);
        for (int i = 0; i < N; i++)
        {
            int k0 = (int)predicted[i].AsInt64();
            double nearest = Enumerable.Range(0, Classes).Where(k => k != k0)
                .Min(k => Math.Abs(clean[i, k].AsDouble() - clean[i, k0].AsDouble()) / w[k].sub(w[k0]).norm().AsDouble());
            double moved = result.Adversarial[i].sub(x[i]).norm().AsDouble();
            Assert.True(Math.Abs(moved - nearest) < 1e-12 * nearest, $"example {i} moved {moved}, the nearest boundary is {nearest} away");
            // The boundary reached is the clean class's own: its logit is one of the tied top two.
            Assert.True(top[i, 1].AsDouble() - logits[i, k0].AsDouble() < 1e-12 * scale, $"example {i} left its class's region for another boundary");
        }
    }

    [Fact]
    public void WithThePapersOvershoot_OneStepCrossesTheBoundary()
    {
        var (model, _, _, x) = Setting();
        var clean = Predictions(model, x);
        using var result = DeepFool.Attack(model, InputSpace.Unbounded, x, overshoot: 0.02);
        Assert.True(Predictions(model, result.Adversarial).ne(clean).all().AsBoolean());
        Assert.All(result.Iterations, i => Assert.Equal(1, i));
    }
}
