using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>
/// A DCGAN discriminator for 28 × 28 single-channel images, the mirror of <see cref="DcganGenerator"/>: two 4 × 4
/// convolutions of stride 2 (no pooling) to c × 14 × 14 and 2c × 7 × 7 with leaky ReLU of slope 0.2, batch
/// normalisation on the second as the paper has it on every layer but the first, and an affine layer to one logit.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d down1;
    private readonly Conv2d down2;
    private readonly BatchNorm2d norm2;
    private readonly Linear logit;

    /// <param name="channels">c, the channels of the first convolution's output.</param>
    /// <param name="generator">Source of the initial weights (<see cref="DcganInitialisation"/>).</param>
    public DcganDiscriminator(int channels, Generator generator) : base(nameof(DcganDiscriminator))
    {
        down1 = nn.Conv2d(1, channels, 4, stride: 2, padding: 1);
        down2 = nn.Conv2d(channels, 2 * channels, 4, stride: 2, padding: 1);
        norm2 = nn.BatchNorm2d(2 * channels);
        logit = nn.Linear(2 * channels * 7 * 7, 1);
        RegisterComponents();
        DcganInitialisation.Apply(this, generator);
    }

    /// <summary>One logit per image of a batch [N, 1, 28, 28], shape [N].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.leaky_relu(down1.forward(images), 0.2);
        h = nn.functional.leaky_relu(norm2.forward(down2.forward(h)), 0.2);
        return logit.forward(h.flatten(1)).flatten().MoveToOuterDisposeScope();
    }
}
