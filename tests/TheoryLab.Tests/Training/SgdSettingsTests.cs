using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class SgdSettingsTests
{
    [Fact]
    public void CosineSchedule_StartsAtEtaHalvesMidwayAndEndsNearZero()
    {
        var sgd = new SgdSettings(0.2, Schedule: LearningRateSchedule.Cosine);
        Assert.Equal(0.2, sgd.LearningRateAt(0, 10), 12);
        Assert.Equal(0.1, sgd.LearningRateAt(5, 10), 12);
        Assert.Equal(0.2 * (1 + Math.Cos(Math.PI * 0.9)) / 2, sgd.LearningRateAt(9, 10), 12);
    }

    [Fact]
    public void Trainer_AppliesTheScheduledRateAtEveryStep()
    {
        // The loss w·x has the constant gradient x, so plain SGD moves w by −η_t x at step t.
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = nn.Linear(2, 1, hasBias: false);
        using (no_grad()) model.weight!.copy_(tensor(new float[] { 1, -1 }).reshape(1, 2));
        var x = tensor(new float[] { 1, 2 }).reshape(1, 2);
        var data = new TensorBatches(x, null, 1, shuffle: false);
        var sgd = new SgdSettings(0.1, Schedule: LearningRateSchedule.Cosine);
        Trainer.Train(new Problem(model, data, (m, b) => m.call(b.Inputs).sum()), sgd, 4, []);

        double travelled = Enumerable.Range(0, 4).Sum(t => sgd.LearningRateAt(t, 4));
        var w = model.weight!.data<float>().ToArray();
        Assert.Equal(1 - travelled, w[0], 5);
        Assert.Equal(-1 - 2 * travelled, w[1], 5);
    }
}
