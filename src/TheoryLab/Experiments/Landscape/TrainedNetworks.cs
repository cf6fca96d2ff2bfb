using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Landscape;

/// <summary>A dataset held as tensors for the landscape experiments.</summary>
/// <param name="TrainInputs">Training inputs, [N, …example shape].</param>
/// <param name="TrainLabels">Training labels, int64 [N].</param>
internal sealed record TensorData(string Name, Tensor TrainInputs, Tensor TrainLabels, Tensor TestInputs, Tensor TestLabels, int[] ExampleShape, int Classes)
{
    /// <summary>The dataset called <paramref name="name"/> (see <see cref="Datasets"/>) as tensors on <paramref name="device"/>.</summary>
    public static TensorData Load(string name, RunContext context, Device device)
    {
        var data = Datasets.Load(name, context.Data, context.Seed);
        var (trainInputs, trainLabels) = data.Train.ToTensors(device);
        var (testInputs, testLabels) = data.Test.ToTensors(device);
        return new(name, trainInputs, trainLabels, testInputs, testLabels, data.Train.ExampleShape, data.Train.Classes);
    }

    public long TrainCount => TrainInputs.shape[0];

    /// <summary>The training set in mini-batches of <paramref name="batchSize"/>, reshuffled every epoch in an order drawn from <paramref name="seed"/>.</summary>
    public TensorBatches Shuffled(int batchSize, int seed) => new(TrainInputs, TrainLabels, batchSize, shuffle: true, seed);

    /// <summary>The first <paramref name="count"/> training examples (all when fewer), in storage order, in batches of <paramref name="batchSize"/>.</summary>
    public TensorBatches TrainSubset(int count, int batchSize)
    {
        long n = Math.Min(count, TrainCount);
        return new TensorBatches(TrainInputs.narrow(0, 0, n), TrainLabels.narrow(0, 0, n), batchSize, shuffle: false);
    }
}

/// <summary>Networks trained for the landscape experiments, each from its own seed, kept across interrupted attempts.</summary>
internal static class TrainedNetworks
{
    /// <summary>
    /// A network of <paramref name="spec"/> initialised from <paramref name="seed"/> and trained with cross-entropy for
    /// <paramref name="steps"/> steps of <paramref name="optimizer"/> on <paramref name="data"/>. With a resume directory
    /// the trained weights are saved there under <paramref name="name"/>, and a later attempt loads them instead of
    /// training again.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Train(SequentialSpec spec, Device device, int seed, IBatchSource data, Func<IOptimizer> optimizer, int steps,
        string name, RunContext context, IProgressTask? task = null)
    {
        using var generator = new Generator((ulong)seed);
        var model = spec.Build(generator).to(device);
        string? saved = context.ResumeDirectory is { } resume ? Path.Combine(resume, name + ".bin") : null;
        if (saved is not null && File.Exists(saved))
        {
            Checkpoint.Load(model, saved);
            task?.Advance(steps, "loaded");
            return model;
        }
        using (var step = optimizer())
        {
            var callbacks = task is null ? [] : new[] { TrainingCallbacks.Progress(task) };
            Trainer.Train(new Problem(model, data, Classification.CrossEntropy), step, steps, callbacks, context.Cancellation);
        }
        if (saved is not null) Checkpoint.Save(model, saved);
        return model;
    }
}
