using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>Mean loss and fraction correct of a classifier over a data set.</summary>
public sealed record ClassificationMetrics(double Loss, double Accuracy, long Examples)
{
    public double Error => 1 - Accuracy;
}

/// <summary>The loss and the metrics of classification: softmax cross-entropy on logits, and accuracy.</summary>
public static class Classification
{
    /// <summary>Mean softmax cross-entropy of the model's logits against integer class targets.</summary>
    public static LossFunction CrossEntropy { get; } = (model, batch) =>
        nn.functional.cross_entropy(model.call(batch.Inputs), batch.Targets ?? throw new ArgumentException("classification needs targets", nameof(batch)));

    /// <summary>
    /// Mean cross-entropy and accuracy over one pass of <paramref name="data"/> (its epoch-0 order), in evaluation
    /// mode and without gradients; the model's mode is restored afterwards.
    /// </summary>
    public static ClassificationMetrics Evaluate(nn.Module<Tensor, Tensor> model, IBatchSource data)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double lossSum = 0;
            long correct = 0, examples = 0;
            foreach (var batch in data.Epoch(0))
            {
                using var scope = NewDisposeScope();
                var targets = batch.Targets ?? throw new ArgumentException("classification needs targets", nameof(data));
                var logits = model.call(batch.Inputs);
                lossSum += nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.Sum).ToDouble();
                correct += logits.argmax(1).eq(targets).sum().ToInt64();
                examples += targets.shape[0];
            }
            return new ClassificationMetrics(lossSum / examples, (double)correct / examples, examples);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
