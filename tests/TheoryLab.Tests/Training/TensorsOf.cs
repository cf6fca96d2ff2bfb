using TheoryLab.Data;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

/// <summary>Labelled data as tensors: inputs [N, ..example shape] in float32, labels as int64.</summary>
internal static class TensorsOf
{
    public static (Tensor Inputs, Tensor Labels) Labeled(LabeledData data) =>
        (tensor(data.Inputs, [data.Count, .. data.ExampleShape.Select(n => (long)n)]), tensor(data.Labels.Select(l => (long)l).ToArray()));
}
