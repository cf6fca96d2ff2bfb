using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>A fully connected (affine) layer; inputs with several axes are flattened first.</summary>
public sealed record Dense(int Units) : LayerSpec
{
    public override int[] OutputShape(int[] input) => [Units];

    public override long Parameters(int[] input) => (Product(input) + 1) * Units;

    public override long MultiplyAdds(int[] input) => Product(input) * Units;

    public override string Describe(int[] input) => $"fc {Units}";

    public override nn.Module<Tensor, Tensor> Build(int[] input)
    {
        var linear = nn.Linear(Product(input), Units);
        return input.Length == 1 ? linear : nn.Sequential(("flatten", nn.Flatten()), ("linear", linear));
    }
}
