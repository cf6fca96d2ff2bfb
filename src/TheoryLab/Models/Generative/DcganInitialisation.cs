using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>
/// DCGAN's initialisation (Radford et al. 2016, §4): every weight from N(0, 0.02²), batch-normalisation scales from
/// N(1, 0.02²), biases and shifts 0; drawn from an explicit generator, so a network's weights depend on its seed alone.
/// </summary>
public static class DcganInitialisation
{
    public static void Apply(nn.Module module, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            switch (child)
            {
                case BatchNorm norm:
                    norm.weight!.normal_(1, 0.02, generator);
                    norm.bias!.zero_();
                    break;
                case Linear or Conv2d or ConvTranspose2d:
                    foreach (var (name, parameter) in child.named_parameters(recurse: false))
                        if (name == "weight") parameter.normal_(0, 0.02, generator);
                        else parameter.zero_();
                    break;
            }
        }
    }
}
