using TheoryLab.Data;
using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Tests.Data;

public class LabeledDataTensorsTests
{
    private static readonly LabeledData Images = new("toy", [.. Enumerable.Range(0, 3 * 4).Select(i => i / 10f)], [2, 0, 1], [1, 2, 2], 3);

    [Fact]
    public void InputsTensor_IsFloat32ShapedCountThenExampleShape_InRowMajorOrder()
    {
        using var inputs = Images.InputsTensor();
        Assert.Equal(torch.float32, inputs.dtype);
        Assert.Equal([3L, 1, 2, 2], inputs.shape);
        Assert.Equal(0.7f, inputs[1, 0, 1, 1].AsSingle());
    }

    [Fact]
    public void LabelsTensor_IsInt64WithTheLabels()
    {
        using var labels = Images.LabelsTensor();
        Assert.Equal(torch.int64, labels.dtype);
        Assert.Equal([2L, 0, 1], labels.data<long>().ToArray());
    }

    [Fact]
    public void InputsTensor_IsACopy()
    {
        var data = Images with { Inputs = [.. Images.Inputs] };
        using var inputs = data.InputsTensor();
        data.Inputs[0] = 42;
        Assert.Equal(0f, inputs[0, 0, 0, 0].AsSingle());
    }
}
