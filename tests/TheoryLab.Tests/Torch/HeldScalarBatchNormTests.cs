using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Torch;

[Collection(RunAloneCollection.Name)]
public class HeldScalarBatchNormTests
{
    public HeldScalarBatchNormTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<int, long[]> Shapes => new()
    {
        { 1, [8, 3] },
        { 1, [8, 3, 5] },
        { 2, [8, 3, 4, 4] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TrainingEvaluationAndCumulativeAveraging_MatchTorchSharpsBatchNorm_BitForBit(int spatialDimensions, long[] shape)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator().manual_seed(3);
        using Scalar half = 0.5.ToScalar(), two = 2.ToScalar();
        BatchNorm theirs = spatialDimensions == 1 ? nn.BatchNorm1d(3) : nn.BatchNorm2d(3);
        BatchNorm ours = spatialDimensions == 1 ? HeldScalarBatchNorm.BatchNorm1d(3) : HeldScalarBatchNorm.BatchNorm2d(3);
        using (no_grad())
        {
            // Parameters away from their 1 and 0 so that the affine step is exercised too.
            var (gamma, beta) = (rand(3, generator: generator).Plus(half), randn(3, generator: generator));
            foreach (var norm in new[] { theirs, ours })
            {
                norm.weight!.copy_(gamma);
                norm.bias!.copy_(beta);
            }
        }
        Assert.Equal(theirs.state_dict().Keys, ours.state_dict().Keys);

        void StepBothAndCompare()
        {
            var x = (randn(shape, generator: generator) * two).Plus(HeldScalars.One);
            Assert.True(theirs.call(x).equal(ours.call(x)).all().item<bool>());
            foreach (var (key, value) in theirs.state_dict())
                Assert.True(value.equal(ours.state_dict()[key]).all().item<bool>(), key);
        }

        for (int step = 0; step < 3; step++) StepBothAndCompare();
        Assert.Equal(3L, ours.num_batches_tracked!.item<long>());
        foreach (var norm in new[] { theirs, ours })
        {
            norm.reset_running_stats();
            norm.momentum = null;
        }
        for (int step = 0; step < 3; step++) StepBothAndCompare();
        theirs.eval();
        ours.eval();
        StepBothAndCompare();
    }

    [Fact]
    public void InputOfTheWrongRank_IsRefusedAsTorchSharpRefusesIt()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => HeldScalarBatchNorm.BatchNorm2d(3).call(zeros(8, 3)));
        Assert.Throws<ArgumentException>(() => HeldScalarBatchNorm.BatchNorm1d(3).call(zeros(8, 3, 4, 4)));
    }
}
