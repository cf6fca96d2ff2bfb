using System.Diagnostics;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>How long one training step takes, measured before a run to estimate its cost.</summary>
public static class StepCalibration
{
    /// <summary>
    /// The time of one SGD step of <paramref name="model"/> on random inputs of <paramref name="exampleShape"/> and
    /// labels of <paramref name="classes"/> classes when the run has the machine to itself: the median of
    /// <paramref name="timed"/> steps (after <paramref name="warmup"/>) on libtorch's current threads, but never more than
    /// the median processor time of as many steps on one thread (<see cref="ThreadClock"/>). An idle machine gives the
    /// first, since more threads are not slower; on a busy one a step waits for whichever of its threads is off its
    /// core, and its wall time grows with the load (a 27.6-min run was estimated at 5.8 h at load 11), while one thread's
    /// processor time does not, so the estimate errs long by at most the thread count. The model is trained in place
    /// (pass a throwaway) on <paramref name="loss"/> (by default <see cref="Classification.CrossEntropy"/>).
    /// </summary>
    public static double StepSeconds(nn.Module<Tensor, Tensor> model, long[] exampleShape, int classes, int batchSize, SgdSettings sgd, int warmup = 10, int timed = 9, LossFunction? loss = null)
    {
        double wall = MedianStepSeconds(model, exampleShape, classes, batchSize, sgd, warmup, timed, loss, () => (double)Stopwatch.GetTimestamp() / Stopwatch.Frequency);
        using var oneThread = IntraOpThreads.Use(1);
        double processor = MedianStepSeconds(model, exampleShape, classes, batchSize, sgd, warmup: 2, timed, loss, ThreadClock.Seconds);
        return Math.Min(wall, processor);
    }

    private static double MedianStepSeconds(nn.Module<Tensor, Tensor> model, long[] exampleShape, int classes, int batchSize, SgdSettings sgd, int warmup, int timed,
        LossFunction? loss, Func<double> clock)
    {
        using var scope = NewDisposeScope();
        long examples = (long)batchSize * (warmup + timed);
        var data = new TensorBatches(randn([examples, .. exampleShape]), randint(0, classes, [examples]), batchSize, shuffle: false);
        var stamps = new List<double>();
        Trainer.Train(new Problem(model, data, loss ?? Classification.CrossEntropy), sgd, warmup + timed, [_ => stamps.Add(clock())]);
        var seconds = stamps.Skip(warmup).Zip(stamps.Skip(warmup + 1), (a, b) => b - a).Order().ToArray();
        return seconds[seconds.Length / 2];
    }
}
