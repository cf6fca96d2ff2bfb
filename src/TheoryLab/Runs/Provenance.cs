using System.Reflection;
using System.Runtime.InteropServices;
using TheoryLab.Torch;
using TheoryLab.Torch.SelfCheck;

namespace TheoryLab.Runs;

/// <summary>The software and machine a run used, and the kernels it computed with (null where libtorch could not load).</summary>
public sealed record Provenance(string TheoryLabVersion, string? GitCommit, string Libtorch, string TorchSharp, string DotNet, string Os, string Cpu, int Cores,
    KernelCheckRecord? Kernels = null)
{
    /// <summary>This build's TheoryLab version and commit, from the informational version ("0.1.0+3f2a…").</summary>
    public static (string Version, string? Commit) Build { get; } = ReadBuild();

    public static Provenance Current()
    {
        var (version, commit) = Build;
        string libtorch;
        KernelCheckRecord? kernels = null;
        try
        {
            libtorch = TorchRuntime.LibtorchVersion;
            kernels = KernelCheckRecord.From(TorchRuntime.Health);
        }
        catch (TheoryLabException e)
        {
            libtorch = "unavailable: " + e.Message;
        }
        string torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        return new Provenance(version, commit, libtorch, torchSharp, RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, Machine.CpuModel, Environment.ProcessorCount, kernels);
    }

    private static (string Version, string? Commit) ReadBuild()
    {
        var informational = typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = informational.IndexOf('+');
        return plus < 0 ? (informational, null) : (informational[..plus], informational[(plus + 1)..]);
    }
}

/// <summary>What run.json says of the kernel self-check: the path chosen, why, and every kernel checked on it.</summary>
public sealed record KernelCheckRecord(KernelPath Path, string Decision, IReadOnlyList<KernelSummary> Checked, IReadOnlyList<string> WrongOnOneDnn)
{
    public static KernelCheckRecord From(EngineHealth health) =>
        new(health.Path, health.Decision, health.Kernels, health.RejectedOnOneDnn.Select(v => $"{v.Kernel}: {v.Output}").Distinct().ToArray());
}
