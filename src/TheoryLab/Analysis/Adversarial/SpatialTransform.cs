using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// Rotation about the image centre followed by a translation, resampled through libtorch's <c>affine_grid</c> and
/// <c>grid_sample</c> (bilinear, zero fill, <c>align_corners = false</c>, so pixel centres sit at (i + ½)·2/W − 1 and the
/// centre of rotation is the image's centre, between pixels on an even side). Coordinates run x rightwards and y
/// downwards, as the image is displayed: θ &gt; 0 turns the content anticlockwise on screen and dx, dy &gt; 0 move it
/// right and down. The output pixel at p (from the centre) reads the input at A⁻¹(p − t), A the rotation; every step
/// is a tensor operation, so gradients reach θ, dx and dy.
/// </summary>
public static class SpatialTransform
{
    /// <summary>How the transformed image is resampled, for a threat's description.</summary>
    public const string Resampling = "bilinear resampling with zero fill (affine_grid and grid_sample, align_corners = false)";

    /// <summary>Images [N, C, H, W] each moved by its row of <paramref name="parameters"/> [N, 3] (θ in degrees, dx, dy in pixels).</summary>
    public static Tensor Apply(Tensor images, Tensor parameters)
    {
        if (images.dim() != 4) throw new ArgumentException($"images must be [N, C, H, W], not [{string.Join(", ", images.shape)}]", nameof(images));
        if (parameters.dim() != 2 || parameters.shape[1] != 3 || parameters.shape[0] != images.shape[0])
            throw new ArgumentException($"parameters must be [{images.shape[0]}, 3], not [{string.Join(", ", parameters.shape)}]", nameof(parameters));
        using var scope = NewDisposeScope();
        double height = images.shape[2], width = images.shape[3];
        using Scalar degree = (Math.PI / 180).ToScalar(), aspect = (width / height).ToScalar(), minusInverseAspect = (-height / width).ToScalar();
        using Scalar toGridX = (-2 / width).ToScalar(), toGridY = (-2 / height).ToScalar();
        var radians = parameters[.., 0].mul(degree);
        var (cos, sin) = (radians.cos(), radians.sin());
        var (dx, dy) = (parameters[.., 1], parameters[.., 2]);
        // A⁻¹ = [[cos, −sin], [sin, cos]] in pixels, conjugated by the scaling diag(W/2, H/2) into grid_sample's [−1, 1] coordinates.
        var theta = stack([
            stack([cos, sin.mul(minusInverseAspect), cos.mul(dx).sub(sin.mul(dy)).mul(toGridX)], 1),
            stack([sin.mul(aspect), cos, sin.mul(dx).Plus(cos.mul(dy)).mul(toGridY)], 1),
        ], 1).to(images.dtype);
        var grid = nn.functional.affine_grid(theta, images.shape, align_corners: false);
        return nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false).MoveToOuterDisposeScope();
    }

    /// <summary>Every image moved by the same rotation <paramref name="degrees"/> and translation (<paramref name="dx"/>, <paramref name="dy"/>) pixels.</summary>
    public static Tensor Apply(Tensor images, double degrees, double dx, double dy)
    {
        using var scope = NewDisposeScope();
        var row = tensor(new[] { degrees, dx, dy }, dtype: images.dtype, device: images.device);
        return Apply(images, row.expand(images.shape[0], 3)).MoveToOuterDisposeScope();
    }
}
