using TheoryLab.Analysis.Adversarial;
using TheoryLab.Torch;
using TorchSharp;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// Transfer success counted by hand, and a fact it must show: FGSM crafted on a source that reads only the first half of
/// the input moves only that half, so a target that reads only the other half is never fooled, while the source is.
/// </summary>
public class TransferTests
{
    public TransferTests() => TorchRuntime.EnsureLoaded();

    private const int D = 20, Classes = 3, N = 200;

    /// <summary>An affine classifier whose weights are zero outside the given half of the input.</summary>
    private static nn.Module<Tensor, Tensor> HalfReader(ulong seed, bool firstHalf)
    {
        var w = Normal(seed, Classes, D);
        var mask = zeros(D, dtype: float64);
        using Scalar one = 1.ToScalar(), biasScale = 0.1.ToScalar();
        mask.narrow(0, firstHalf ? 0 : D / 2, D / 2).fill_(one);
        return Affine(w.mul(mask), Normal(seed + 1, Classes).mul(biasScale));
    }

    [Fact]
    public void Success_IsTheShareOfTheTargetsCorrectExamplesThatTheAdversarialOnesFool_CountedByHand()
    {
        var target = Perceptron(61, D, 8, Classes);
        var x = Uniform(62, N, D);
        using Scalar threshold = 1.ToScalar(), classes = Classes.ToScalar(), noise = 0.3.ToScalar();
        var labels = Predictions(target, x).Plus(Normal(63, N).gt(threshold).to(int64)).remainder(classes);   // about one in six wrong when clean
        var adversarial = x.Plus(Normal(64, N, D).mul(noise));
        var success = Transfer.Success(target, InputSpace.Unbounded, x, adversarial, labels);
        long[] clean = Predictions(target, x).data<long>().ToArray(), moved = Predictions(target, adversarial).data<long>().ToArray(), y = labels.data<long>().ToArray();
        long correct = 0, fooled = 0;
        for (int i = 0; i < N; i++)
        {
            if (clean[i] != y[i]) continue;
            correct++;
            if (moved[i] != y[i]) fooled++;
        }
        Assert.Equal(correct, success.Correct);
        Assert.Equal(fooled, success.Fooled);
        Assert.True(correct < N && fooled > 0 && fooled < correct, "the counts do not exercise both conditions");
    }

    [Fact]
    public void ATargetBlindToTheSourcesDirections_IsNeverFooled()
    {
        var source = HalfReader(71, firstHalf: true);
        var target = HalfReader(73, firstHalf: false);
        var x = Normal(75, N, D);
        var labels = Predictions(source, x);
        var fgsm = Fgsm.Attack(source, ThreatModel.Fgsm(2.0, space: InputSpace.Unbounded), x, labels);
        Assert.Equal(0.0, fgsm[.., (D / 2)..].sub(x[.., (D / 2)..]).abs().max().AsDouble());
        Assert.True(Transfer.Success(source, InputSpace.Unbounded, x, fgsm, labels).Rate > 0.5, "the white-box attack fails: the check would be empty");
        var transferred = Transfer.Success(target, InputSpace.Unbounded, x, fgsm, Predictions(target, x));
        Assert.Equal(0, transferred.Fooled);
        Assert.Equal(N, transferred.Correct);
    }
}
