using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Models.ResNets;

/// <summary>The TorchSharp module of a <see cref="ResidualBlock"/>.</summary>
internal sealed class ResidualBlockModule : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> norm1;
    private readonly nn.Module<Tensor, Tensor> conv2;
    private readonly nn.Module<Tensor, Tensor> norm2;
    private readonly nn.Module<Tensor, Tensor>? shortcut;
    private readonly bool _skip;

    public ResidualBlockModule(ResidualBlock spec, int[] input) : base("ResidualBlock")
    {
        int[] middle = spec.OutputShape(input);
        conv1 = Residual.Conv(input, spec.Channels, 3, spec.Stride, bias: !spec.BatchNorm);
        norm1 = Residual.Norm(input, spec.Channels, spec.BatchNorm);
        conv2 = Residual.Conv(middle, spec.Channels, 3, stride: 1, bias: !spec.BatchNorm);
        norm2 = Residual.Norm(middle, spec.Channels, spec.BatchNorm);
        if (spec.Projects(input))
        {
            shortcut = nn.Sequential(
                ("conv", Residual.Conv(input, spec.Channels, 1, spec.Stride, bias: !spec.BatchNorm)),
                ("norm", Residual.Norm(input, spec.Channels, spec.BatchNorm)));
        }
        _skip = spec.Skip;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(norm1.call(conv1.call(x)));
        h = norm2.call(conv2.call(h));
        if (_skip) h = h.PlusInPlace(shortcut is null ? x : shortcut.call(x));
        return h.relu_().MoveToOuterDisposeScope();
    }
}
