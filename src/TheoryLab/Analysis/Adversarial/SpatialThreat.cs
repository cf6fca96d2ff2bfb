using TheoryLab.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// What a spatial attack may do (Engstrom et al. 2019): rotate an image by θ ∈ [−MaxDegrees, MaxDegrees] about its
/// centre and then translate it by (dx, dy) ∈ [−MaxShift, MaxShift]² pixels, resampled bilinearly with zero fill by
/// <see cref="SpatialTransform"/>. Bilinear weights are convex and the fill is 0, so images in [0, 1] stay in [0, 1]
/// and nothing is clipped; <see cref="Space"/> supplies only the model's normalisation. The paper's MNIST box is ±30°
/// and ±3 px.
/// </summary>
public sealed record SpatialThreat(double MaxDegrees, double MaxShift)
{
    public InputSpace Space { get; init; } = InputSpace.UnitPixels;

    /// <summary>Engstrom et al.'s box for MNIST and CIFAR-10: rotations within ±30°, translations within ±3 px.</summary>
    public static SpatialThreat Paper { get; } = new(30, 3);

    /// <summary>Throws a one-line message naming what to change when the box is not one.</summary>
    public void Validate()
    {
        Space.Validate();
        if (!(MaxDegrees >= 0) || MaxDegrees > 180) throw new TheoryLabException($"the rotation bound {MaxDegrees}° must lie in [0, 180].");
        if (!(MaxShift >= 0) || !double.IsFinite(MaxShift)) throw new TheoryLabException($"the translation bound {MaxShift} px must be finite and at least 0.");
    }

    /// <summary>The half-widths of the box as a [3] tensor (degrees, pixels, pixels), the scale of each parameter.</summary>
    internal Tensor HalfWidths(ScalarType dtype, Device device) => tensor(new[] { MaxDegrees, MaxShift, MaxShift }, dtype: dtype, device: device);

    /// <summary>Parameters [N, 3] (θ in degrees, dx, dy in pixels) moved into the box.</summary>
    public Tensor Clamp(Tensor parameters)
    {
        using var scope = NewDisposeScope();
        var half = HalfWidths(parameters.dtype, parameters.device);
        return parameters.maximum(half.neg()).minimum(half).MoveToOuterDisposeScope();
    }

    /// <summary>N parameter rows drawn uniformly from the box, each coordinate independently.</summary>
    public Tensor Uniform(long count, ScalarType dtype, Device device, Generator? generator)
    {
        using var scope = NewDisposeScope();
        var half = HalfWidths(dtype, device);
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        return rand([count, 3], dtype: dtype, device: device, generator: generator).mul(two).sub(one).mul(half).MoveToOuterDisposeScope();
    }

    /// <summary>The threat in words, for a finding's meaning.</summary>
    public string Describe() =>
        $"rotations θ within ±{NumberText.Short(MaxDegrees, 3)}° about the image centre, then translations within ±{NumberText.Short(MaxShift, 3)} px in x and y, " +
        $"{SpatialTransform.Resampling}, which keeps pixels in [{NumberText.Short(Space.Lower, 3)}, {NumberText.Short(Space.Upper, 3)}] without clipping; " +
        (Space.Mean == 0 && Space.Std == 1 ? "no normalisation" : $"the model normalising (x − {NumberText.Short(Space.Mean, 4)}) / {NumberText.Short(Space.Std, 4)}");
}
