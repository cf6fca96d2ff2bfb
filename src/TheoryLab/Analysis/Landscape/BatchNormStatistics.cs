using TheoryLab.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// Batch-norm running statistics that belong to the weights the model holds now. A network whose weights were
/// interpolated or perturbed still carries the running means and variances of the weights it was trained with, and
/// in evaluation mode those mismatched statistics distort the loss, most at the ends of a curve whose endpoints came
/// from different models. Garipov et al. (2018) therefore recompute them at every point; so do the landscape tools.
/// </summary>
public static class BatchNormStatistics
{
    /// <summary>The model's batch-norm layers that keep running statistics, in module order.</summary>
    public static IReadOnlyList<NormBase> Layers(nn.Module model) =>
        [.. model.modules().OfType<NormBase>().Where(m => m.track_running_stats && m is BatchNorm)];

    /// <summary>
    /// Resets the running statistics of every batch-norm layer and recomputes them in one pass over
    /// <paramref name="data"/> (its epoch-0 order) in training mode without gradients, as a cumulative average over the
    /// batches (momentum set aside for the pass, then restored). The model's mode is restored afterwards; a model
    /// without batch norm is left untouched.
    /// </summary>
    public static void Recompute(nn.Module<Tensor, Tensor> model, IBatchSource data)
    {
        var layers = Layers(model);
        if (layers.Count == 0) return;
        bool wasTraining = model.training;
        var momenta = layers.Select(l => l.momentum).ToArray();
        try
        {
            foreach (var layer in layers)
            {
                layer.reset_running_stats();
                layer.momentum = null;
            }
            model.train();
            using var noGrad = no_grad();
            foreach (var batch in data.Epoch(0))
            {
                using var scope = NewDisposeScope();
                model.call(batch.Inputs);
            }
        }
        finally
        {
            for (int i = 0; i < layers.Count; i++) layers[i].momentum = momenta[i];
            model.train(wasTraining);
        }
    }
}
