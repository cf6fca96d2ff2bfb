using TorchSharp;

namespace TheoryLab.Torch;

/// <summary>
/// Prepares libtorch for a run: loads it and picks the device. It does not seed torch's global generator: every
/// random draw of an experiment takes a generator seeded from the run's seed, so that a number never depends on
/// what else ran in the process before it.
/// </summary>
public static class TorchSetup
{
    /// <summary>Loads libtorch and returns the run's device.</summary>
    public static torch.Device Prepare(ComputeDevice device)
    {
        TorchRuntime.EnsureLoaded();
        return DeviceFor(device);
    }

    /// <summary>The torch device for a <see cref="ComputeDevice"/>; CUDA only when a CUDA build of libtorch sees a GPU.</summary>
    public static torch.Device DeviceFor(ComputeDevice device)
    {
        TorchRuntime.EnsureLoaded();
        if (device == ComputeDevice.Cpu) return torch.CPU;
        if (torch.cuda.is_available()) return torch.CUDA;
        throw new TheoryLabException(
            "--device cuda needs a CUDA build of libtorch and an NVIDIA GPU: this TheoryLab references libtorch-cpu-linux-x64; " +
            "swap in TorchSharp-cuda-linux (same TorchSharp version) in Directory.Packages.props and run on a machine with a GPU, or use --device cpu.");
    }
}
