using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// An affine layer whose weight is a product of rank <paramref name="Rank"/>: x ↦ Up(Down x) + b with Down (rank × in,
/// no bias) and Up (units × rank), two narrow dense products that cost rank·(in + units) multiply–adds in place of
/// in·units (Denton et al. 2014). Inputs with several axes are flattened first, as <see cref="Dense"/> does.
/// </summary>
public sealed record LowRankDense(int Units, int Rank) : LayerSpec
{
    public override int[] OutputShape(int[] input) => [Units];

    public override long Parameters(int[] input) => Rank * (Product(input) + Units) + Units;

    public override long MultiplyAdds(int[] input) => Rank * (Product(input) + Units);

    public override string Describe(int[] input) => $"fc {Units}, rank {Rank}";

    public override nn.Module<Tensor, Tensor> Build(int[] input)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (input.Length > 1) layers.Add(("flatten", nn.Flatten()));
        layers.Add(("down", nn.Linear(Product(input), Rank, hasBias: false)));
        layers.Add(("up", nn.Linear(Rank, Units)));
        return nn.Sequential(layers);
    }
}
