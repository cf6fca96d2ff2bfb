using TheoryLab.Analysis;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis;

[Collection(RunAloneCollection.Name)]
public class ParameterVectorTests
{
    /// <summary>Linear(3→4) then Tanh then Linear(4→2): 16 + 10 = 26 parameters in four tensors, two layers.</summary>
    private static nn.Module<Tensor, Tensor> TwoLayerNet()
    {
        var generator = new Generator(7);
        var model = nn.Sequential(("fc1", nn.Linear(3, 4)), ("act", nn.Tanh()), ("fc2", nn.Linear(4, 2)));
        using (no_grad())
        {
            foreach (var p in model.parameters()) p.copy_(randn(p.shape, generator: generator));
        }
        return model;
    }

    [Fact]
    public void Blocks_FollowRegistrationOrder_WithContiguousOffsets()
    {
        using var model = TwoLayerNet();
        var theta = ParameterVector.Of(model);

        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], theta.Blocks.Select(b => b.Name));
        Assert.Equal([0L, 12, 16, 24], theta.Blocks.Select(b => b.Offset));
        Assert.Equal(26, theta.Length);
        Assert.Equal([4L, 3], theta.Blocks[0].Shape);
    }

    [Fact]
    public void Flatten_ConcatenatesParametersRowMajor_AndIsACopy()
    {
        using var model = TwoLayerNet();
        var theta = ParameterVector.Of(model);
        using var flat = theta.Flatten();
        var weight = theta.Parameters[0];

        // Entry (row 1, column 2) of fc1.weight sits at offset 1·3 + 2.
        Assert.Equal(weight[1, 2].AsDouble(), flat[5].AsDouble());
        Assert.Equal(theta.Parameters[3][1].AsDouble(), flat[25].AsDouble());
        flat.zero_();
        Assert.NotEqual(0.0, weight.abs().sum().AsDouble());
    }

    [Fact]
    public void Write_ThenFlatten_RoundTrips()
    {
        using var model = TwoLayerNet();
        var theta = ParameterVector.Of(model);
        using var parameters = 26.ToScalar();
        using var target = HeldScalars.Range(parameters, dtype: float32);
        theta.Write(target);

        Assert.True(theta.Flatten().allclose(target, rtol: 0, atol: 0));
        Assert.Equal(12.0, theta.Parameters[1][0].AsDouble());
        Assert.True(theta.Parameters[0].requires_grad, "writing must keep the parameters trainable");
    }

    [Fact]
    public void Add_MovesAlongTheScaledDirection()
    {
        using var model = TwoLayerNet();
        var theta = ParameterVector.Of(model);
        using var before = theta.Flatten();
        using var direction = randn(26, dtype: float64, generator: new Generator(3));
        theta.Add(direction, -0.5);

        using var half = 0.5.ToScalar();
        using var expected = before - half * direction.to(float32);
        Assert.True(theta.Flatten().allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void PerLayer_GroupsWeightAndBias_AndPerTensorSplitsThem()
    {
        using var model = TwoLayerNet();
        var layers = ParameterVector.PerLayer(model);
        var tensors = ParameterVector.PerTensor(model);

        Assert.Equal(["fc1", "fc2"], layers.Select(l => l.Name));
        Assert.Equal([16L, 10], layers.Select(l => l.Length));
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], tensors.Select(t => t.Name));
        Assert.Equal(0, tensors[1].Blocks[0].Offset);
    }

    [Fact]
    public void WeightTensors_KeepTheMatrices_AndLeaveOutTheBiases()
    {
        using var model = TwoLayerNet();
        var weights = ParameterVector.WeightTensors(model);

        Assert.Equal(["fc1.weight", "fc2.weight"], weights.Blocks.Select(b => b.Name));
        Assert.Equal(12 + 8, weights.Length);
    }

    [Fact]
    public void WritingALayer_ChangesOnlyThatLayer()
    {
        using var model = TwoLayerNet();
        var all = ParameterVector.Of(model);
        using var before = all.Flatten();
        var second = ParameterVector.PerLayer(model)[1];
        second.Write(zeros(second.Length));

        using var after = all.Flatten();
        Assert.True(after.narrow(0, 0, 16).allclose(before.narrow(0, 0, 16), rtol: 0, atol: 0));
        Assert.Equal(0.0, after.narrow(0, 16, 10).abs().sum().AsDouble());
    }

    [Fact]
    public void Gradient_FlattensGradients_WithZerosForUnreachedParameters()
    {
        using var model = TwoLayerNet();
        var theta = ParameterVector.Of(model);
        // A loss that reaches only fc1: fc2 gets no gradient at all.
        var fc1 = ParameterVector.PerLayer(model)[0];
        using var two = 2.ToScalar();
        using var loss = fc1.Parameters[0].sum() + two * fc1.Parameters[1].sum();
        loss.backward();

        using var gradient = theta.Gradient();
        Assert.Equal(12.0, gradient.narrow(0, 0, 12).sum().AsDouble());
        Assert.Equal(8.0, gradient.narrow(0, 12, 4).sum().AsDouble());
        Assert.Equal(0.0, gradient.narrow(0, 16, 10).abs().sum().AsDouble());
    }

    [Fact]
    public void AVectorOfTheWrongLength_IsRefused()
    {
        using var model = TwoLayerNet();
        var theta = ParameterVector.Of(model);
        Assert.Throws<ArgumentException>(() => theta.Write(zeros(25)));
        Assert.Throws<TheoryLabException>(() => ParameterVector.Where(model, "none", _ => false));
    }
}
