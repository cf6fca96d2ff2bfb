using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Training;

/// <summary>One mini-batch: inputs and, for supervised problems, targets. Losses without targets (a PDE residual) leave them null.</summary>
public sealed record Batch(torch.Tensor Inputs, torch.Tensor? Targets = null);

/// <summary>
/// Supplies batches for training and analysis. <see cref="Epoch"/> yields one pass over the data in an
/// order that depends only on the epoch number and the source's seed, so runs are reproducible.
/// </summary>
public interface IBatchSource
{
    /// <summary>Number of examples in one pass (for averaging; 0 when the source is not a finite set).</summary>
    long Count { get; }

    IEnumerable<Batch> Epoch(int epoch);
}

/// <summary>A scalar loss for a model on a batch. A closure, so it can ignore targets or add regularisers.</summary>
public delegate torch.Tensor LossFunction(torch.nn.Module<torch.Tensor, torch.Tensor> model, Batch batch);

/// <summary>
/// A user's model, data and loss, brought together: what Hessians, landscapes, attacks, pruning and
/// training operate on, so they work on any TorchSharp model without editing TheoryLab.
/// </summary>
public sealed record Problem(torch.nn.Module<torch.Tensor, torch.Tensor> Model, IBatchSource Data, LossFunction Loss)
{
    /// <summary>The loss averaged over one full pass of <see cref="Data"/> (epoch 0 order), without gradients.</summary>
    public double AverageLoss()
    {
        using var noGrad = torch.no_grad();
        double total = 0;
        long examples = 0;
        foreach (var batch in Data.Epoch(0))
        {
            using var scope = torch.NewDisposeScope();
            long n = batch.Inputs.shape[0];
            total += Loss(Model, batch).AsDouble() * n;
            examples += n;
        }
        return examples == 0 ? double.NaN : total / examples;
    }
}
