using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Pruning;

/// <summary>
/// Structured pruning of a perceptron's hidden units: each hidden layer keeps the units whose incoming weights have the
/// largest L2 norm (the affine analogue of Li et al.'s filter norms), and the kept units make a narrower dense network
/// with the same weights, so the saving is real on any dense kernel. Removing a unit is the same as masking its incoming
/// row and its outgoing column: the column alone already silences it, whatever its bias makes it output.
/// </summary>
public static class NeuronPruning
{
    /// <summary>
    /// The units each hidden layer keeps, ascending: the <paramref name="widths"/>[l] of largest incoming-weight norm
    /// in hidden layer l (ties to the lower index), scored on the trained weights before anything is removed.
    /// </summary>
    public static int[][] Survivors(SequentialSpec spec, nn.Module model, IReadOnlyList<int> widths)
    {
        var layers = CompressedNetwork.PerceptronLayers(spec, model, "neuron pruning");
        if (widths.Count != layers.Count - 1)
            throw new TheoryLabException($"{spec.Name} has {layers.Count - 1} hidden layers but {widths.Count} widths were given; name one width per hidden layer.");
        using var noGrad = no_grad();
        return [.. Enumerable.Range(0, widths.Count).Select(l =>
        {
            long units = layers[l].Weight.shape[0];
            if (widths[l] < 1 || widths[l] > units) throw new TheoryLabException($"hidden layer {l + 1} has {units} units; keep 1 to {units}, not {widths[l]}.");
            // The squared norm ranks the units as the norm does.
            using var scope = NewDisposeScope();
            var norms = layers[l].Weight.detach().to(float64).Squared().sum(1);
            var order = norms.sort(0, descending: true, stable: true).Indices;
            return order.narrow(0, 0, widths[l]).data<long>().Select(i => (int)i).Order().ToArray();
        })];
    }

    /// <summary>The narrower perceptron of the <see cref="Survivors"/>, its weights and biases copied from <paramref name="model"/>.</summary>
    public static CompressedNetwork Shrink(SequentialSpec spec, nn.Module model, IReadOnlyList<int> widths)
    {
        var survivors = Survivors(spec, model, widths);
        var layers = CompressedNetwork.PerceptronLayers(spec, model, "neuron pruning");
        int hidden = 0;
        var narrow = spec with
        {
            Name = $"{spec.Name} pruned to {string.Join("-", widths)}",
            Layers = [.. spec.Layers.Select((layer, k) => layer is Dense && spec.Layers.Skip(k + 1).Any(l => l is Dense) ? new Dense(widths[hidden++]) : layer)],
        };
        using var scope = NewDisposeScope();
        var values = Enumerable.Range(0, layers.Count).Select(l =>
        {
            var weight = layers[l].Weight.detach();
            var bias = layers[l].Bias?.detach();
            if (l < survivors.Length)
            {
                var rows = tensor(survivors[l].Select(i => (long)i).ToArray(), device: weight.device);
                weight = weight.index_select(0, rows);
                bias = bias?.index_select(0, rows);
            }
            if (l > 0)
            {
                var columns = tensor(survivors[l - 1].Select(i => (long)i).ToArray(), device: weight.device);
                weight = weight.index_select(1, columns);
            }
            return (weight, bias);
        }).ToList();
        return CompressedNetwork.Fill(narrow, values);
    }

    /// <summary>
    /// The mask on the full network that removes every unit not in <paramref name="survivors"/>: its incoming row and
    /// its outgoing column. The masked network computes what <see cref="Shrink"/>'s narrow one does.
    /// </summary>
    public static PruningMask Mask(nn.Module model, int[][] survivors)
    {
        var weights = PruningMask.Weights(model);
        if (survivors.Length != weights.Count - 1)
            throw new TheoryLabException($"the model has {weights.Count - 1} hidden layers but survivors were given for {survivors.Length}.");
        return new PruningMask(weights.Select((weight, l) =>
        {
            var keep = ones_like(weight);
            using var scope = NewDisposeScope();
            if (l < survivors.Length) keep.mul_(Indicator(survivors[l], weight.shape[0], weight).unsqueeze(1));
            if (l > 0) keep.mul_(Indicator(survivors[l - 1], weight.shape[1], weight).unsqueeze(0));
            return keep;
        }));
    }

    private static Tensor Indicator(int[] kept, long size, Tensor like)
    {
        var indicator = zeros(size, like.dtype, like.device);
        var at = tensor(kept.Select(i => (long)i).ToArray(), device: like.device);
        using var one = 1.ToScalar();
        indicator.index_fill_(0, at, one);
        return indicator;
    }
}
