using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.FeatureVisualization;

/// <summary>
/// The operations that make activation maximisation give images a person can read (Yosinski et al. 2015; Olah et al.
/// 2017), on batches of images of shape (N, C, H, W): random jitter, Gaussian blur and the total-variation penalty.
/// Jitter and blur treat the image as periodic, so jitter only permutes pixels and blur keeps every image's mean.
/// </summary>
public static class ImageRegularisers
{
    /// <summary>The images rolled <paramref name="down"/> rows and <paramref name="right"/> columns, pixels leaving one border entering at the other.</summary>
    public static Tensor Jitter(Tensor images, int down, int right) => images.roll([down, right], [2, 3]);

    /// <summary>
    /// Every channel convolved with a sampled, normalised Gaussian of standard deviation <paramref name="sigma"/> pixels
    /// (taps to ±3σ), along rows and then columns, wrapping round the borders.
    /// </summary>
    public static Tensor Blur(Tensor images, double sigma)
    {
        if (sigma <= 0) return images.clone();
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var taps = Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-k * k / (2 * sigma * sigma))).ToArray();
        double sum = taps.Sum();
        using var scope = NewDisposeScope();
        long channels = images.shape[1];
        var kernel = tensor(taps.Select(t => t / sum).ToArray(), dtype: images.dtype, device: images.device);
        var along = kernel.reshape(1, 1, 1, -1).expand(channels, 1, 1, -1);
        var down = kernel.reshape(1, 1, -1, 1).expand(channels, 1, -1, 1);
        var padded = nn.functional.pad(images, [radius, radius, radius, radius], TorchSharp.PaddingModes.Circular);
        var rows = nn.functional.conv2d(padded, along, groups: channels);
        return nn.functional.conv2d(rows, down, groups: channels).MoveToOuterDisposeScope();
    }

    /// <summary>Each image's total variation Σ (x[i+1, j] − x[i, j])² + (x[i, j+1] − x[i, j])² over its channels and pixels, shape (N).</summary>
    public static Tensor TotalVariation(Tensor images)
    {
        using var scope = NewDisposeScope();
        long h = images.shape[2], w = images.shape[3];
        using var two = 2.ToScalar();
        var vertical = (images.narrow(2, 1, h - 1) - images.narrow(2, 0, h - 1)).pow(two).sum([1, 2, 3]);
        var horizontal = (images.narrow(3, 1, w - 1) - images.narrow(3, 0, w - 1)).pow(two).sum([1, 2, 3]);
        return vertical.Plus(horizontal).MoveToOuterDisposeScope();
    }
}
