using TheoryLab.Models.MeanField;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// Fully connected classifiers in the layer-list form, for experiments that train them beside the convolutional
/// networks with the same trainer and torch's default draws (mean-field studies use <see cref="FullyConnected.Mlp"/>,
/// whose layers expose their preactivations and take any initialisation rule).
/// </summary>
public static class Perceptron
{
    /// <summary>
    /// Examples of <paramref name="inputShape"/>, flattened, through one affine layer per entry of <paramref name="hidden"/>
    /// (each followed by batch norm when <paramref name="batchNorm"/>, then φ), then an affine layer to <paramref name="classes"/> logits.
    /// </summary>
    public static SequentialSpec Classifier(string name, int[] inputShape, IReadOnlyList<int> hidden, int classes, Activation activation, bool batchNorm = false)
    {
        var layers = new List<LayerSpec>();
        foreach (int width in hidden)
        {
            layers.Add(new Dense(width));
            if (batchNorm) layers.Add(new BatchNorm());
            layers.Add(new ActivationLayer(activation));
        }
        layers.Add(new Dense(classes));
        return new SequentialSpec(name, inputShape, layers);
    }
}
