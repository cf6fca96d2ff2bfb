using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.FeatureVisualization;

/// <summary>
/// How activation maximisation climbs: plain gradient ascent on the input of score(I) − λ‖I‖² − τ·TV(I), each step
/// taken at an image rolled by a random jitter of up to <paramref name="Jitter"/> pixels and the image blurred by σ
/// every <paramref name="BlurEvery"/> steps (Yosinski et al. 2015). With jitter, blur and τ at zero it is the
/// class-model ascent of Simonyan et al. (2014).
/// </summary>
/// <param name="Steps">Gradient steps.</param>
/// <param name="StepSize">η in I ← I + η∇.</param>
/// <param name="L2">λ of the penalty λ‖I‖².</param>
/// <param name="TotalVariation">τ of the penalty τ·Σ of squared neighbour differences.</param>
/// <param name="Jitter">Largest random roll in each axis before each step, pixels.</param>
/// <param name="BlurSigma">Width of the blur, pixels.</param>
/// <param name="BlurEvery">Steps between blurs; 0 for none.</param>
public sealed record AscentSettings(int Steps, double StepSize, double L2, double TotalVariation = 0, int Jitter = 0, double BlurSigma = 0, int BlurEvery = 0)
{
    /// <summary>Whether the ascent is plain (no jitter, blur or total variation).</summary>
    public bool IsPlain => Jitter == 0 && BlurEvery == 0 && TotalVariation == 0;
}

/// <summary>Gradient ascent on a batch of input images, each climbing its own score.</summary>
public static class InputAscent
{
    /// <param name="score">The scores of a batch of images, shape (N): the unit or class each image is asked to excite.</param>
    /// <param name="start">The starting images, (N, C, H, W); not changed.</param>
    /// <param name="random">Draws the jitter.</param>
    /// <returns>The images after the last step, detached.</returns>
    public static Tensor Maximise(Func<Tensor, Tensor> score, Tensor start, AscentSettings settings, Random random, CancellationToken cancellation = default)
    {
        var image = start.detach().clone();
        using Scalar two = 2.ToScalar(), l2 = settings.L2.ToScalar(), totalVariation = settings.TotalVariation.ToScalar(), stepSize = settings.StepSize.ToScalar();
        for (int step = 0; step < settings.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int down = settings.Jitter > 0 ? random.Next(-settings.Jitter, settings.Jitter + 1) : 0;
            int right = settings.Jitter > 0 ? random.Next(-settings.Jitter, settings.Jitter + 1) : 0;
            var leaf = image.detach().requires_grad_(true);
            var seen = down == 0 && right == 0 ? leaf : ImageRegularisers.Jitter(leaf, down, right);
            var objective = score(seen).sum() - l2 * leaf.pow(two).sum();
            if (settings.TotalVariation > 0) objective -= totalVariation * ImageRegularisers.TotalVariation(leaf).sum();
            var gradient = autograd.grad([objective], [leaf])[0];
            using (no_grad())
            {
                var next = leaf.detach().Plus(stepSize * gradient);
                if (settings.BlurEvery > 0 && (step + 1) % settings.BlurEvery == 0) next = ImageRegularisers.Blur(next, settings.BlurSigma);
                image.Dispose();
                image = next.MoveToOuterDisposeScope();
            }
        }
        return image;
    }
}
