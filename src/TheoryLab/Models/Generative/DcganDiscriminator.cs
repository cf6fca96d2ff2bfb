using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>
/// A DCGAN discriminator for small images (28 × 28 single-channel by default), the mirror of <see cref="DcganGenerator"/>:
/// two 4 × 4 convolutions of stride 2 (no pooling) to c × s/2 × s/2 and 2c × s/4 × s/4 with leaky ReLU of slope 0.2, batch
/// normalisation on the second as the paper has it on every layer but the first, and an affine layer to one logit.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    /// <summary>The leaky ReLU's slope, held for the process: nn.functional.leaky_relu(x, 0.2) leaves its Scalar to the finaliser race.</summary>
    private static readonly Scalar LeakSlope = 0.2.ToScalar();

    private readonly Conv2d down1;
    private readonly Conv2d down2;
    private readonly HeldScalarBatchNorm norm2;
    private readonly Linear logit;

    /// <param name="channels">c, the channels of the first convolution's output.</param>
    /// <param name="generator">Source of the initial weights (<see cref="DcganInitialisation"/>).</param>
    /// <param name="imageChannels">C, the channels of an image.</param>
    /// <param name="side">s, the pixels on each side of an image; a multiple of 4.</param>
    public DcganDiscriminator(int channels, Generator generator, int imageChannels = 1, int side = 28) : base(nameof(DcganDiscriminator))
    {
        if (side < 4 || side % 4 != 0) throw new TheoryLabException($"a DCGAN discriminator of {side}-pixel images: give a side that is a multiple of 4.");
        down1 = nn.Conv2d(imageChannels, channels, 4, stride: 2, padding: 1);
        down2 = nn.Conv2d(channels, 2 * channels, 4, stride: 2, padding: 1);
        norm2 = HeldScalarBatchNorm.BatchNorm2d(2 * channels);
        logit = nn.Linear(2 * channels * (side / 4) * (side / 4), 1);
        RegisterComponents();
        DcganInitialisation.Apply(this, generator);
    }

    /// <summary>One logit per image of a batch [N, C, s, s], shape [N].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var h = down1.forward(images).leaky_relu(LeakSlope);
        h = norm2.forward(down2.forward(h)).leaky_relu(LeakSlope);
        return logit.forward(h.flatten(1)).flatten().MoveToOuterDisposeScope();
    }
}
