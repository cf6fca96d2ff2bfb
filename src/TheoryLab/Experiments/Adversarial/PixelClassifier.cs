using TheoryLab.Analysis.Adversarial;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// A classifier of raw pixels in [0, 1] for the attack experiments: built from its own seeded generator, trained by
/// Adam on cross-entropy with reshuffled mini-batches, and left in eval mode (batch norm then uses its running
/// statistics, so an attacked example's prediction does not depend on its batch).
/// </summary>
internal static class PixelClassifier
{
    /// <param name="purpose">Names the generators of the weights and the batch order, so that each model has its own.</param>
    /// <param name="objective">The training loss; null for cross-entropy through <paramref name="space"/> (<see cref="CrossEntropy"/>).</param>
    public static nn.Module<Tensor, Tensor> Train(SequentialSpec spec, string purpose, Tensor pixels, Tensor labels, InputSpace space,
        int epochs, int batchSize, double learningRate, RunContext context, Device device, LossFunction? objective = null)
    {
        nn.Module<Tensor, Tensor> model;
        using (var generator = context.TorchGenerator($"{purpose} weights")) model = spec.Build(generator).to(device);
        var batches = new TensorBatches(pixels, labels, batchSize, shuffle: true, Seeds.Derive(context.Seed, $"{purpose} batches"));
        LossFunction loss = objective ?? ((m, batch) => CrossEntropy(m, space, batch.Inputs, batch.Targets!));
        using var adam = new Adam(learningRate);
        Trainer.Train(new Problem(model, batches, loss), adam, epochs * batches.BatchesPerEpoch, [], context.Cancellation);
        model.eval();
        return model;
    }

    /// <summary>The cross-entropy of the model's logits on pixels <paramref name="x"/> (mapped into its input space) against labels <paramref name="y"/>.</summary>
    public static Tensor CrossEntropy(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor x, Tensor y) =>
        nn.functional.cross_entropy(space.Logits(model, x), y);

    /// <summary>The share of the examples the model classifies correctly.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels, Tensor labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return space.Logits(model, pixels).argmax(1).eq(labels).to(ScalarType.Float64).mean().AsDouble();
    }
}
