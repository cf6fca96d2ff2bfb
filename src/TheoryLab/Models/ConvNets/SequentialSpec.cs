using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// A feed-forward network as a list of layers applied in turn to examples of <paramref name="InputShape"/>:
/// one description that gives the TorchSharp module, the parameter count and the forward multiply–adds.
/// </summary>
/// <param name="Name">What the network is called in tables and captions ("LeNet-5").</param>
/// <param name="InputShape">Shape of one example, without the batch axis ([1, 28, 28] for MNIST).</param>
public sealed record SequentialSpec(string Name, int[] InputShape, IReadOnlyList<LayerSpec> Layers)
{
    /// <summary>Each layer with the shape it receives and what it costs, in order.</summary>
    public IReadOnlyList<LayerCost> Costs
    {
        get
        {
            var costs = new List<LayerCost>(Layers.Count);
            var shape = InputShape;
            foreach (var layer in Layers)
            {
                var output = layer.OutputShape(shape);
                costs.Add(new LayerCost(layer.Describe(shape), shape, output, layer.Parameters(shape), layer.MultiplyAdds(shape)));
                shape = output;
            }
            return costs;
        }
    }

    /// <summary>Shape of one output example.</summary>
    public int[] OutputShape => Layers.Aggregate(InputShape, (shape, layer) => layer.OutputShape(shape));

    /// <summary>Trainable parameters, from the layer shapes.</summary>
    public long Parameters => Costs.Sum(c => c.Parameters);

    /// <summary>Multiply–adds of one forward pass of one example, from the layer shapes.</summary>
    public long MultiplyAddsPerExample => Costs.Sum(c => c.MultiplyAdds);

    /// <summary>
    /// The network as a TorchSharp module taking a batch of shape [N, ..InputShape], with torch's default
    /// initialisation drawn from <paramref name="generator"/> (<see cref="DefaultInitialization"/>).
    /// </summary>
    public nn.Module<Tensor, Tensor> Build(Generator generator)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>(Layers.Count);
        var shape = InputShape;
        for (int k = 0; k < Layers.Count; k++)
        {
            modules.Add(($"{k}", Layers[k].Build(shape)));
            shape = Layers[k].OutputShape(shape);
        }
        var network = nn.Sequential(modules);
        DefaultInitialization.Apply(network, generator);
        return network;
    }
}

/// <summary>One layer of a <see cref="SequentialSpec"/> at its place in the network.</summary>
public sealed record LayerCost(string Layer, int[] InputShape, int[] OutputShape, long Parameters, long MultiplyAdds);
