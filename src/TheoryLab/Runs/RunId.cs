using System.Security.Cryptography;
using System.Text;
using TheoryLab.Experiments;

namespace TheoryLab.Runs;

/// <summary>
/// Names a run by what determines its numbers: the seed and a hash of the sorted non-default options
/// (and the device when it is not the CPU). Adding an option with a default keeps old names valid.
/// </summary>
public static class RunId
{
    public static string For(IExperiment experiment, object options, int seed, ComputeDevice device)
    {
        var nonDefault = experiment.Schema.NonDefault(options);
        var text = new StringBuilder(experiment.Id);
        foreach (var (name, value) in nonDefault) text.Append('\n').Append(name).Append('=').Append(value);
        if (device != ComputeDevice.Cpu) text.Append("\ndevice=").Append(device);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..8];
        return $"seed{seed}-{hash}";
    }
}
