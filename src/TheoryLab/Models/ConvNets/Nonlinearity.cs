namespace TheoryLab.Models.ConvNets;

/// <summary>The elementwise nonlinearity of a convolutional network.</summary>
public enum Nonlinearity
{
    /// <summary>max(0, x).</summary>
    Relu,
    /// <summary>tanh x (LeNet-5 used the scaled 1.7159 tanh(2x/3)).</summary>
    Tanh,
}
