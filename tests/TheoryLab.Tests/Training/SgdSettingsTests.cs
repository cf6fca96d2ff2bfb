using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers.Schedules;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

[Collection(RunAloneCollection.Name)]
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

    [Fact]
    public void MomentumAndWeightDecay_MatchTorchOptimSgd_StepForStep()
    {
        // Two copies of one network, one stepped by torch.optim.SGD and one by the Trainer's optimiser from the same settings.
        TorchSetup.Prepare(ComputeDevice.Cpu);
        manual_seed(3);
        using var scope = NewDisposeScope();
        var ours = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 3));
        var theirs = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 3));
        using (no_grad())
            foreach (var (a, b) in ours.parameters().Zip(theirs.parameters())) b.copy_(a);
        var x = randn(6, 4);
        var y = randint(0, 3, [6]);
        var settings = new SgdSettings(0.1, momentum: 0.9, weightDecay: 0.01);
        using var reference = optim.SGD(theirs.parameters(), 0.1, 0.9, weight_decay: 0.01);
        for (int step = 0; step < 5; step++)
        {
            reference.zero_grad();
            nn.functional.cross_entropy(theirs.call(x), y).backward();
            reference.step();
        }
        Trainer.Train(new Problem(ours, new TensorBatches(x, y, 6, shuffle: false), Classification.CrossEntropy), settings, 5, []);

        foreach (var (a, b) in ours.parameters().Zip(theirs.parameters()))
            Assert.True(a.allclose(b, rtol: 1e-6, atol: 1e-7), $"parameters differ by {(a - b).abs().max().AsDouble():E2}");
    }
}
