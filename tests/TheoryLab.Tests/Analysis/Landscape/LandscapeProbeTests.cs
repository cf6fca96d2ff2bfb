using TheoryLab.Analysis.Landscape;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Landscape;

[Collection(RunAloneCollection.Name)]
public class LandscapeProbeTests
{
    /// <summary>
    /// The Hessian scans move the probe to each point without needing its loss: MoveTo must leave the model exactly as
    /// MeasureAt does (weights and recomputed batch-norm statistics), with one statistics pass and no evaluation pass.
    /// </summary>
    [Fact]
    public void MoveTo_LeavesTheModelAsMeasureAtDoes_WithoutAnEvaluationPass()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var inputs = randn([40, 2], dtype: float64, generator: generator);
        var labels = randint(0, 2, [40], generator: generator);
        var evaluation = new CountingSource(new TensorBatches(inputs, labels, batchSize: 20, shuffle: false));
        var statistics = new CountingSource(new TensorBatches(inputs, labels, batchSize: 10, shuffle: false));
        var norm = nn.BatchNorm1d(3, dtype: float64);
        var model = nn.Sequential(("in", nn.Linear(2, 3, dtype: float64)), ("norm", norm), ("out", nn.Linear(3, 2, dtype: float64)));
        var probe = LandscapeProbe.ForClassifier(model, evaluation, statistics);
        var point = probe.Weights.Flatten().Plus(randn([probe.Weights.Length], dtype: float64, generator: generator));

        probe.MeasureAt(point);
        var (measuredMean, measuredVariance) = (norm.running_mean!.clone(), norm.running_var!.clone());
        probe.MoveTo(probe.Weights.Flatten().zero_());
        (evaluation.Passes, statistics.Passes) = (0, 0);
        probe.MoveTo(point);

        Assert.Equal((0, 1), (evaluation.Passes, statistics.Passes));
        Assert.True(probe.Weights.Flatten().equal(point).all().item<bool>());
        Assert.True(norm.running_mean!.equal(measuredMean).all().item<bool>());
        Assert.True(norm.running_var!.equal(measuredVariance).all().item<bool>());
    }

    /// <summary>A batch source that counts the passes asked of it.</summary>
    private sealed class CountingSource(IBatchSource inner) : IBatchSource
    {
        public int Passes { get; set; }

        public long Count => inner.Count;

        public IEnumerable<Batch> Epoch(int epoch)
        {
            Passes++;
            return inner.Epoch(epoch);
        }
    }
}
