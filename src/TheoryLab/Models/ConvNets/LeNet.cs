using TheoryLab.Models.MeanField;

namespace TheoryLab.Models.ConvNets;

/// <summary>The convolutional networks of Lecture 1: LeNet-5 for 28×28 images and its 1-D counterpart for MNIST-1D.</summary>
public static class LeNet
{
    /// <summary>
    /// LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998) for 1×28×28 images: conv 6@5×5 (pad 2, which stands for the
    /// paper's 32×32 framing of MNIST) → pool 2×2 → conv 16@5×5 → pool 2×2 → fc 120 → fc 84 → fc <paramref name="classes"/>.
    /// With ReLU and max pooling it has 61,706 parameters. It departs from the paper in three modern ways:
    /// C3 connects every input map to every output map (the paper's table wired each of 16 maps to 3–6 of the 6,
    /// 1,516 weights instead of 2,416); the subsampling layers carry no trainable scale and bias; and the output is
    /// an affine layer read by softmax cross-entropy instead of 10 Euclidean RBF units. The paper's scaled tanh is
    /// available as <see cref="Activations.Tanh"/> (unscaled) and its averaging subsampling as <see cref="PoolingKind.Average"/>.
    /// </summary>
    public static SequentialSpec Five(Activation? nonlinearity = null, PoolingKind pooling = PoolingKind.Max, int classes = 10)
    {
        var phi = nonlinearity ?? Activations.Relu;
        return new("LeNet-5", [1, 28, 28],
        [
            new Convolution(6, 5, Padding: 2), new ActivationLayer(phi), new Pooling(pooling, 2),
            new Convolution(16, 5), new ActivationLayer(phi), new Pooling(pooling, 2),
            new Dense(120), new ActivationLayer(phi),
            new Dense(84), new ActivationLayer(phi),
            new Dense(classes),
        ]);
    }

    /// <summary>
    /// The convolutional network Greydanus (2020) trains on MNIST-1D, a LeNet-style feature extractor on sequences:
    /// three convolutions of <paramref name="channels"/> channels (kernels 5, 3, 3), each with stride 2 and padding 1
    /// in place of pooling, then one affine layer to the classes. On length-40 inputs the maps have lengths 19, 10, 5
    /// and, with 25 channels, the network has 5,210 parameters.
    /// </summary>
    public static SequentialSpec OneDimensional(int length = 40, int channels = 25, Activation? nonlinearity = null, int classes = 10)
    {
        var phi = nonlinearity ?? Activations.Relu;
        return new("MNIST-1D CNN", [length],
        [
            new SingleChannel(),
            new Convolution(channels, 5, Stride: 2, Padding: 1), new ActivationLayer(phi),
            new Convolution(channels, 3, Stride: 2, Padding: 1), new ActivationLayer(phi),
            new Convolution(channels, 3, Stride: 2, Padding: 1), new ActivationLayer(phi),
            new Dense(classes),
        ]);
    }
}
