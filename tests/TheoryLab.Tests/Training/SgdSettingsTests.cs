using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers.Schedules;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class SgdSettingsTests
{
    [Fact]
    public void Trainer_AppliesTheScheduledRateAtEveryStep()
    {
        // The loss w·x has the constant gradient x, so plain SGD moves w by −η_k x at step k.
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = nn.Linear(2, 1, hasBias: false);
        using (no_grad()) model.weight!.copy_(tensor(new float[] { 1, -1 }).reshape(1, 2));
        var x = tensor(new float[] { 1, 2 }).reshape(1, 2);
        var data = new TensorBatches(x, null, 1, shuffle: false);
        var schedule = new CosineStep(0.1, 4);
        Trainer.Train(new Problem(model, data, (m, b) => m.call(b.Inputs).sum()), new SgdSettings(schedule), 4, []);

        double travelled = 0.1 * (1 + (1 + Math.Cos(Math.PI / 4)) / 2 + 0.5 + (1 + Math.Cos(3 * Math.PI / 4)) / 2);
        var w = model.weight!.data<float>().ToArray();
        Assert.Equal(1 - travelled, w[0], 5);
        Assert.Equal(-1 - 2 * travelled, w[1], 5);
    }
}
