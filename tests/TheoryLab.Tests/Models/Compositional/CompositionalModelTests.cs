using TheoryLab.Models.Compositional;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Compositional;

public class CompositionalModelTests
{
    [Fact]
    public void TreeFunction_OfEightInputs_ComposesTheConstituentAsTheTreeSays()
    {
        TorchRuntime.EnsureLoaded();
        var f = new BinaryTreeFunction(8, "chebyshev");
        double[] x = [0.1, -0.7, 0.3, 0.9, -0.2, 0.5, -1, 0.4];
        static double H(double a, double b) => 2 * Math.Pow((a + b) / 2, 2) - 1;
        double expected = H(H(H(x[0], x[1]), H(x[2], x[3])), H(H(x[4], x[5]), H(x[6], x[7])));
        using var scope = NewDisposeScope();
        Assert.Equal(expected, f.Evaluate(tensor(x, dtype: float64).unsqueeze(0)).item<double>(), 12);
    }

    [Theory]
    [InlineData("chebyshev")]
    [InlineData("product")]
    [InlineData("fold")]
    [InlineData("sine")]
    public void EveryConstituent_KeepsValuesInsideMinusOneToOne(string constituent)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        var y = new BinaryTreeFunction(16, constituent).Evaluate(rand(4096, 16, dtype: float64) * two - one);
        Assert.InRange(y.abs().max().item<double>(), 0, 1 + 1e-12);
    }

    [Theory]
    [InlineData(8, 16, false, 7 * 65)]
    [InlineData(16, 4, false, 15 * 17)]
    [InlineData(8, 16, true, 3 * 65)]
    public void TreeNetwork_HasNMinusOneNodesOf4QPlus1Parameters(int inputs, int units, bool share, long expected)
    {
        TorchRuntime.EnsureLoaded();
        using var weights = new Generator(0);
        using var network = new TreeNetwork(inputs, units, share, weights);
        Assert.Equal(expected, network.ParameterCount);
        Assert.Equal(expected, TreeNetwork.CountFor(inputs, units, share));
    }

    [Fact]
    public void TreeNetwork_OutputDependsOnEveryInput_ThroughItsOwnBranch()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var weights = new Generator(3);
        using var network = new TreeNetwork(8, 32, false, weights);
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        var x = (rand([256, 8], dtype: float32) * two - one).requires_grad_();
        network.forward(x).sum().backward();
        // Every input reaches the output (no input is cut off by the tree's wiring).
        Assert.All(x.grad!.abs().sum(0L).data<float>().ToArray(), g => Assert.True(g > 0));
    }

    [Fact]
    public void ShallowWidth_MatchesTheDeepParameterCount()
    {
        long deep = TreeNetwork.CountFor(8, 16, false);
        int units = TheoryLab.Experiments.Expressivity.Compositional.ShallowUnits(8, deep);
        Assert.InRange(Math.Abs(units * (8 + 2) + 1 - deep), 0, 5);
    }

    [Fact]
    public void NonPowerOfTwoInputs_AreRefusedWithAMessage()
    {
        var e = Assert.Throws<TheoryLabException>(() => new BinaryTreeFunction(6, "sine"));
        Assert.Contains("power of two", e.Message);
    }
}
