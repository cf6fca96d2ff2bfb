using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>
/// A DCGAN generator for 28 × 28 single-channel images, scaled down for a CPU (Radford et al. 2016 use four
/// transposed convolutions from 4 × 4 to 64 × 64 with 1024 to 128 channels): z ↦ a 2c × 7 × 7 map by an affine layer,
/// then two 4 × 4 transposed convolutions of stride 2 to c × 14 × 14 and 1 × 28 × 28; batch normalisation and ReLU
/// between them and tanh at the end, so pixels lie in [−1, 1] as the paper's.
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Linear project;
    private readonly BatchNorm2d norm0;
    private readonly ConvTranspose2d up1;
    private readonly BatchNorm2d norm1;
    private readonly ConvTranspose2d up2;
    private readonly int channels;

    /// <param name="latent">Dimension of z.</param>
    /// <param name="channels">c, the channels of the 14 × 14 map (2c at 7 × 7).</param>
    /// <param name="generator">Source of the initial weights, drawn as the paper draws them (<see cref="DcganInitialisation"/>).</param>
    public DcganGenerator(int latent, int channels, Generator generator) : base(nameof(DcganGenerator))
    {
        this.channels = channels;
        project = nn.Linear(latent, 2 * channels * 7 * 7);
        norm0 = nn.BatchNorm2d(2 * channels);
        up1 = nn.ConvTranspose2d(2 * channels, channels, 4, stride: 2, padding: 1);
        norm1 = nn.BatchNorm2d(channels);
        up2 = nn.ConvTranspose2d(channels, 1, 4, stride: 2, padding: 1);
        RegisterComponents();
        DcganInitialisation.Apply(this, generator);
    }

    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(norm0.forward(project.forward(z).view(-1, 2 * channels, 7, 7)));
        h = nn.functional.relu(norm1.forward(up1.forward(h)));
        return up2.forward(h).tanh().MoveToOuterDisposeScope();
    }
}
