using System.Reflection;
using System.Runtime.InteropServices;
using TheoryLab.Torch;

namespace TheoryLab.Runs;

/// <summary>The software and machine a run used.</summary>
public sealed record Provenance(string TheoryLabVersion, string? GitCommit, string Libtorch, string TorchSharp, string DotNet, string Os, string Cpu, int Cores)
{
    public static Provenance Current()
    {
        var informational = typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = informational.IndexOf('+');
        string version = plus < 0 ? informational : informational[..plus];
        string? commit = plus < 0 ? null : informational[(plus + 1)..];
        string libtorch;
        try
        {
            libtorch = TorchRuntime.LibtorchVersion;
        }
        catch (TheoryLabException e)
        {
            libtorch = "unavailable: " + e.Message;
        }
        string torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        return new Provenance(version, commit, libtorch, torchSharp, RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, CpuName(), Environment.ProcessorCount);
    }

    private static string CpuName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
