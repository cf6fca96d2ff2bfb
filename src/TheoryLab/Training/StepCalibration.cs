using System.Diagnostics;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>How long one training step takes, measured before a run to estimate its cost.</summary>
public static class StepCalibration
{
    /// <summary>
    /// The median time of <paramref name="timed"/> SGD steps of <paramref name="model"/> on random inputs of
    /// <paramref name="exampleShape"/> and labels of <paramref name="classes"/> classes, after <paramref name="warmup"/>
    /// steps: one step slowed by other work on the machine does not count. The model is trained in place (pass a throwaway)
    /// on <paramref name="loss"/> (by default <see cref="Classification.CrossEntropy"/>).
    /// </summary>
    public static double MedianStepSeconds(nn.Module<Tensor, Tensor> model, long[] exampleShape, int classes, int batchSize, SgdSettings sgd, int warmup = 10, int timed = 9, LossFunction? loss = null)
    {
        using var scope = NewDisposeScope();
        long examples = (long)batchSize * (warmup + timed);
        var data = new TensorBatches(randn([examples, .. exampleShape]), randint(0, classes, [examples]), batchSize, shuffle: false);
        var stamps = new List<long>();
        Trainer.Train(new Problem(model, data, loss ?? Classification.CrossEntropy), sgd, warmup + timed, [_ => stamps.Add(Stopwatch.GetTimestamp())]);
        var seconds = stamps.Skip(warmup).Zip(stamps.Skip(warmup + 1), (a, b) => (double)(b - a) / Stopwatch.Frequency).Order().ToArray();
        return seconds[seconds.Length / 2];
    }
}
