using TheoryLab.Models.ConvNets;
using TheoryLab.Tests.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class EnsembleTrainerTests
{
    private const int Examples = 48, BatchSize = 16, Steps = 8;

    public EnsembleTrainerTests() => TorchRuntime.EnsureLoaded();

    /// <summary>One optimiser of each kind the robustness study compares, and one SGD step so large that it overflows.</summary>
    private static IOptimizer[] Optimizers() =>
        [new Sgd(0.05), new AdaGradNorm(1, 10), new AdaGrad(0.05, epsilon: 0, initialAccumulator: 0.1), new Adam(0.01), new Sgd(1e30)];

    [Theory]
    [MemberData(nameof(SequentialEnsembleTests.Networks), MemberType = typeof(SequentialEnsembleTests))]
    public void EachMember_TrainedByItsOwnOptimiser_EqualsItsNetworkTrainedAloneByTheTrainer(string network)
    {
        // Eight steps over three epochs, member g by optimiser g, against member g's network trained alone through the
        // Trainer (divergence recorded) with a fresh optimiser of the same kind, same start and same batches. Float64:
        // the two differ only in the order of sums inside kernels, so 1e-9 of the weights' scale (≲ 1) is far above
        // that rounding carried through eight steps, and far below what a wrong step, state or batch would give.
        using var scope = NewDisposeScope();
        var spec = SequentialEnsembleTests.Spec(network);
        var (inputs, targets) = SequentialEnsembleTests.Data(spec, Examples);
        var batches = new TensorBatches(inputs, targets, BatchSize, shuffle: true, seed: 3);
        var optimizers = Optimizers();
        var start = Enumerable.Range(0, optimizers.Length).Select(g => SequentialEnsembleTests.Alone(spec, g)).ToArray();
        using var ensemble = new SequentialEnsemble(spec, start);
        var reported = new List<(long Step, int Moved)>();
        var outcomes = EnsembleTrainer.Train(ensemble, batches, optimizers, Steps, afterStep: (step, moved) => reported.Add((step, moved)));
        // Progress is told every step, with the members that moved: together, the updates each member counts.
        Assert.Equal(Enumerable.Range(1, Steps).Select(step => (long)step), reported.Select(r => r.Step));
        Assert.Equal(outcomes.Sum(outcome => outcome.Steps), reported.Sum(r => (long)r.Moved));
        var stacked = ensemble.parameters().ToArray();
        for (int g = 0; g < optimizers.Length; g++)
        {
            using var optimizer = Optimizers()[g];
            var alone = start[g];
            var summary = Trainer.Train(new Problem(alone, batches, Classification.CrossEntropy), optimizer, Steps, [], divergence: DivergencePolicy.Record);
            Assert.Equal(summary.Steps, outcomes[g].Steps);
            Assert.Equal(summary.Diverged, outcomes[g].Diverged);
            Assert.Equal(summary.Divergence?.Step, outcomes[g].Divergence?.Step);
            var parameters = alone.parameters().ToArray();
            for (int i = 0; i < parameters.Length; i++)
            {
                // A stopped member keeps the weights of its last finite step, however large they grew.
                var expected = parameters[i].detach();
                using var tolerance = (1e-9 * Math.Max(1, expected.abs().max().AsDouble())).ToScalar();
                Assert.True(stacked[i][g].isfinite().all().AsBoolean(), $"{network}, member {g}, parameter {i}: not finite");
                Assert.True(stacked[i][g].sub(expected).abs().le(tolerance).all().AsBoolean(), $"{network}, member {g}, parameter {i}");
            }
            if (optimizer is AdaGradNorm norm) Assert.Equal(norm.B, ((AdaGradNorm)optimizers[g]).B, 1e-9 * norm.B);
        }
        Assert.False(outcomes[0].Diverged);
        Assert.True(outcomes[^1].Diverged, "the SGD step of 1e30 should overflow within the steps");
        foreach (var optimizer in optimizers) optimizer.Dispose();
        foreach (var member in start) member.Dispose();
    }
}
