using System.Security.Cryptography;
using System.Text;
using TheoryLab.Kernel;
using TheoryLab.Torch;

namespace TheoryLab.Runs;

/// <summary>
/// Names a run by what the user chose: the seed and a hash of the sorted non-default options that can change a result
/// (and the device when it is not the CPU). Adding an option with a default keeps old names valid; whether a stored run
/// of that name is the one asked for is <see cref="RunIdentity"/>'s question, since defaults change between versions.
/// </summary>
public static class RunId
{
    public static string For(IExperiment experiment, object options, int seed, ComputeDevice device)
    {
        var schema = experiment.Schema;
        var text = new StringBuilder(experiment.Id);
        foreach (var (name, value) in schema.NonDefault(options).Where(o => schema.ChangesResults(o.Key)))
            text.Append('\n').Append(name).Append('=').Append(value);
        if (device != ComputeDevice.Cpu) text.Append("\ndevice=").Append(device);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..8];
        return $"seed{seed}-{hash}";
    }
}
