using TheoryLab.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>
/// A DCGAN generator for small images (28 × 28 single-channel by default), scaled down for a CPU (Radford et al. 2016
/// use four transposed convolutions from 4 × 4 to 64 × 64 with 1024 to 128 channels): z ↦ a 2c × s/4 × s/4 map by an
/// affine layer, then two 4 × 4 transposed convolutions of stride 2 to c × s/2 × s/2 and C × s × s; batch normalisation
/// and ReLU between them and tanh at the end, so pixels lie in [−1, 1] as the paper's. The c × s/2 × s/2 layer is
/// reachable on its own (<see cref="Hidden"/>, <see cref="Render"/>) so that its units can be read and intervened on.
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Linear project;
    private readonly HeldScalarBatchNorm norm0;
    private readonly ConvTranspose2d up1;
    private readonly HeldScalarBatchNorm norm1;
    private readonly ConvTranspose2d up2;
    private readonly int channels;
    private readonly int quarter;

    /// <param name="latent">Dimension of z.</param>
    /// <param name="channels">c, the channels of the s/2 × s/2 map (2c at s/4 × s/4).</param>
    /// <param name="generator">Source of the initial weights, drawn as the paper draws them (<see cref="DcganInitialisation"/>).</param>
    /// <param name="imageChannels">C, the channels of an image (1 for grey, 3 for RGB).</param>
    /// <param name="side">s, the pixels on each side of an image; a multiple of 4.</param>
    public DcganGenerator(int latent, int channels, Generator generator, int imageChannels = 1, int side = 28) : base(nameof(DcganGenerator))
    {
        if (side < 4 || side % 4 != 0) throw new TheoryLabException($"a DCGAN generator of {side}-pixel images: give a side that is a multiple of 4.");
        this.channels = channels;
        quarter = side / 4;
        project = nn.Linear(latent, 2 * channels * quarter * quarter);
        norm0 = HeldScalarBatchNorm.BatchNorm2d(2 * channels);
        up1 = nn.ConvTranspose2d(2 * channels, channels, 4, stride: 2, padding: 1);
        norm1 = HeldScalarBatchNorm.BatchNorm2d(channels);
        up2 = nn.ConvTranspose2d(channels, imageChannels, 4, stride: 2, padding: 1);
        RegisterComponents();
        DcganInitialisation.Apply(this, generator);
    }

    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        return Render(Hidden(z)).MoveToOuterDisposeScope();
    }

    /// <summary>The c × s/2 × s/2 layer after its batch normalisation and ReLU, [N, c, s/2, s/2]: the units a dissection reads.</summary>
    public Tensor Hidden(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(norm0.forward(project.forward(z).view(-1, 2 * channels, quarter, quarter)));
        return nn.functional.relu(norm1.forward(up1.forward(h))).MoveToOuterDisposeScope();
    }

    /// <summary>The images that a (possibly edited) map of <see cref="Hidden"/> gives, [N, C, s, s] in [−1, 1].</summary>
    public Tensor Render(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return up2.forward(hidden).tanh().MoveToOuterDisposeScope();
    }
}
