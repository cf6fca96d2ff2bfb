using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Data;

/// <summary>Copies a <see cref="LabeledData"/> into tensors: inputs float32 [N, …ExampleShape], labels int64 [N].</summary>
public static class LabeledDataTensors
{
    /// <summary>The inputs as a float32 tensor shaped [Count, …ExampleShape] (a copy: later changes to the array do not reach it).</summary>
    public static torch.Tensor InputsTensor(this LabeledData data, torch.Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        long[] shape = [data.Count, .. data.ExampleShape.Select(d => (long)d)];
        var tensor = torch.tensor(data.Inputs, shape, dtype: torch.float32);
        return device is null || device.type == DeviceType.CPU ? tensor : tensor.to(device);
    }

    /// <summary>The labels as an int64 tensor shaped [Count], as cross-entropy losses expect.</summary>
    public static torch.Tensor LabelsTensor(this LabeledData data, torch.Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        var tensor = torch.tensor(data.Labels.Select(l => (long)l).ToArray(), dtype: torch.int64);
        return device is null || device.type == DeviceType.CPU ? tensor : tensor.to(device);
    }

    /// <summary>Both tensors.</summary>
    public static (torch.Tensor Inputs, torch.Tensor Labels) ToTensors(this LabeledData data, torch.Device? device = null) =>
        (data.InputsTensor(device), data.LabelsTensor(device));

    /// <summary>
    /// Both tensors, the inputs shifted and scaled by <paramref name="reference"/>'s mean and standard deviation (one
    /// number each, over every value): pass the training split to standardise a test split the same way.
    /// </summary>
    public static (torch.Tensor Inputs, torch.Tensor Labels) Standardised(this LabeledData data, LabeledData reference, torch.Device? device = null)
    {
        double mean = reference.Inputs.Average(x => (double)x);
        double std = Math.Sqrt(reference.Inputs.Average(x => (x - mean) * (x - mean)));
        var (inputs, labels) = data.ToTensors(device);
        // Held until used: a temporary Scalar could be finalised by a collection another thread triggers mid-call.
        using var shift = mean.ToScalar();
        using var scale = std.ToScalar();
        return (inputs.sub_(shift).div_(scale), labels);
    }
}
