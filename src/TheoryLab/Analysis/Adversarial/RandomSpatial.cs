using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// Engstrom et al.'s random attack, worst-of-k: k transforms drawn uniformly from the box for each example separately,
/// the example keeping its worst (a misclassifying one of highest loss, else the highest loss). With k = 1 it is a
/// random transform (data augmentation's draw); worst-of-10 is also the paper's cheap adversarial training.
/// </summary>
public static class RandomSpatial
{
    /// <summary>The worst of <paramref name="tries"/> uniform draws per example (the identity kept when every draw is better for the model), as parameters [N, 3].</summary>
    public static Tensor Attack(nn.Module<Tensor, Tensor> model, SpatialThreat threat, Tensor images, Tensor labels, int tries, Generator? generator)
    {
        threat.Validate();
        if (tries < 1) throw new TheoryLabException($"a random spatial attack draws at least one transform, not {tries}.");
        using var scope = NewDisposeScope();
        using var worst = new WorstTransforms(model, threat.Space, images, labels);
        for (int t = 0; t < tries; t++)
        {
            using var tryScope = NewDisposeScope();
            worst.Offer(threat.Uniform(images.shape[0], images.dtype, images.device, generator));
        }
        return worst.Parameters.clone().MoveToOuterDisposeScope();
    }
}
