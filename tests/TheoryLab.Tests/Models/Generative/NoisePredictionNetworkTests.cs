using TheoryLab.Models.Generative;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Generative;

public class NoisePredictionNetworkTests
{
    public NoisePredictionNetworkTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Inputs_AppendTheStepAfterThePoint()
    {
        using var x = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var t = tensor(new long[] { 7, 900 });
        using var rows = NoisePredictionNetwork.Inputs(x, t);
        Assert.Equal(new float[] { 1, 2, 7, 3, 4, 900 }, rows.data<float>().ToArray());
    }

    /// <summary>
    /// The output has the point's shape, the same seed draws the same network, and the step reaches the output through
    /// its embedding: one point at two steps gets two predictions.
    /// </summary>
    [Fact]
    public void Prediction_HasThePointsShape_DependsOnTheStep_AndIsSeeded()
    {
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        using var a = new NoisePredictionNetwork(3, 8, [16, 16], g1);
        using var b = new NoisePredictionNetwork(3, 8, [16, 16], g2);
        using var x = tensor(new float[] { 0.5f, -1, 2, 0.5f, -1, 2 }).reshape(2, 3);
        using var t = tensor(new long[] { 10, 500 });
        using var input = NoisePredictionNetwork.Inputs(x, t);
        using var outA = a.call(input);
        using var outB = b.call(input);
        Assert.Equal(new long[] { 2, 3 }, outA.shape);
        Assert.Equal(outA.data<float>().ToArray(), outB.data<float>().ToArray());
        Assert.False(outA[0].allclose(outA[1]));
    }

    [Fact]
    public void OddEmbedding_IsRefused()
    {
        using var g = new Generator(1);
        Assert.Throws<TheoryLabException>(() => new NoisePredictionNetwork(2, 7, [4], g));
    }
}
