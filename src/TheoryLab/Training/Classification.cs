using TheoryLab.Torch;
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
    /// The loss of a stacked ensemble whose logits are [members, batch, classes] and whose members all see the batch:
    /// the sum over members of each member's mean cross-entropy, so each member's gradient is exactly that of its own
    /// mean loss.
    /// </summary>
    public static LossFunction EnsembleCrossEntropy { get; } = (model, batch) =>
    {
        var targets = batch.Targets ?? throw new ArgumentException("classification needs targets", nameof(batch));
        var logits = model.call(batch.Inputs);
        long members = logits.shape[0];
        // Σ_g mean_b ℓ(g, b) = (Σ_{g,b} ℓ(g, b)) / batch.
        using var examples = logits.shape[1].ToScalar();
        return nn.functional.cross_entropy(logits.flatten(0, 1), targets.repeat(members), reduction: nn.Reduction.Sum).div_(examples);
    };

    /// <summary>
    /// Mean cross-entropy and accuracy over one pass of <paramref name="data"/> (its epoch-0 order), in evaluation
    /// mode and without gradients; the model's mode is restored afterwards.
    /// </summary>
    public static ClassificationMetrics Evaluate(nn.Module<Tensor, Tensor> model, IBatchSource data)
    {
        double lossSum = 0;
        long correct = 0, examples = 0;
        Pass(model, data, (logits, targets) =>
        {
            lossSum += nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.Sum).AsDouble();
            correct += logits.argmax(1).eq(targets).sum().AsInt64();
            examples += targets.shape[0];
        });
        return new ClassificationMetrics(lossSum / examples, (double)correct / examples, examples);
    }

    /// <summary>
    /// <see cref="Evaluate"/> for each member of a stacked ensemble whose logits are [members, batch, classes]: one
    /// pass over the data for all members, their metrics in member order.
    /// </summary>
    public static ClassificationMetrics[] EvaluateEnsemble(nn.Module<Tensor, Tensor> model, IBatchSource data)
    {
        double[] lossSum = [];
        long[] correct = [];
        long examples = 0;
        Pass(model, data, (logits, targets) =>
        {
            long members = logits.shape[0], batch = logits.shape[1];
            var losses = nn.functional.cross_entropy(logits.flatten(0, 1), targets.repeat(members), reduction: nn.Reduction.None)
                .view(members, batch).sum(1, type: ScalarType.Float64).data<double>().ToArray();
            var hits = logits.argmax(2).eq(targets).sum(1).data<long>().ToArray();
            if (examples == 0) (lossSum, correct) = (new double[members], new long[members]);
            for (int g = 0; g < members; g++) (lossSum[g], correct[g]) = (lossSum[g] + losses[g], correct[g] + hits[g]);
            examples += batch;
        });
        if (examples == 0) throw new ArgumentException("the evaluation data yielded no batches", nameof(data));
        return [.. lossSum.Select((loss, g) => new ClassificationMetrics(loss / examples, (double)correct[g] / examples, examples))];
    }

    /// <summary>
    /// Calls <paramref name="onBatch"/> with the logits and targets of every batch of one pass of <paramref name="data"/>
    /// (epoch-0 order), in evaluation mode, without gradients and in a dispose scope per batch; restores the mode.
    /// </summary>
    private static void Pass(nn.Module<Tensor, Tensor> model, IBatchSource data, Action<Tensor, Tensor> onBatch)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (var batch in data.Epoch(0))
            {
                using var scope = NewDisposeScope();
                var targets = batch.Targets ?? throw new ArgumentException("classification needs targets", nameof(data));
                onBatch(model.call(batch.Inputs), targets);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
